package org.escape.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the PostgreSQL tier, with a message saying why, when no PostgreSQL answered at the start of
 * the run (dev/it-postgres then leaves no marker). Registered by auto-detection, so it is evaluated
 * before Arquillian tries to deploy to a server that was never started.
 */
public class TierCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"postgresql".equals(System.getProperty("escape.tier"))) {
            return ConditionEvaluationResult.enabled("H2 tier");
        }
        Path marker = Path.of(System.getProperty("escape.tierMarker", "missing"));
        return Files.isRegularFile(marker)
                ? ConditionEvaluationResult.enabled("PostgreSQL tier: " + marker)
                : ConditionEvaluationResult.disabled("PostgreSQL tier skipped: nothing answered on 127.0.0.1:5432");
    }
}
