package org.escape.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the application is deployed and has heap to work with. */
@Liveness
@ApplicationScoped
public class ApplicationLiveness implements HealthCheck {

    /** Below this share of free heap (after the JVM could still grow) the instance is not healthy. */
    private static final double MIN_FREE_HEAP = 0.05;

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        double freeShare = (double) available / runtime.maxMemory();
        return HealthCheckResponse.named("escape-application")
                .status(freeShare >= MIN_FREE_HEAP)
                .withData("freeHeapPercent", Math.round(freeShare * 100))
                .build();
    }
}
