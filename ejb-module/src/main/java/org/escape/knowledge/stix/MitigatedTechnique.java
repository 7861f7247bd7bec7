package org.escape.knowledge.stix;

import java.util.List;
import java.util.Objects;

/**
 * An ATT&CK technique a mitigation {@code mitigates}, with that relationship's guidance.
 *
 * @param stixId     the technique's STIX id ({@code attack-pattern--…})
 * @param externalId its ATT&CK id ({@code T1059.001}), or null when the bundle gives none
 * @param name       its name as ATT&CK shows it: a sub-technique is prefixed with its parent's name
 *                   ({@code Command and Scripting Interpreter: PowerShell}) when the bundle holds the parent
 * @param url        its ATT&CK page (http or https), or null
 * @param tactics    the ATT&CK tactics it serves, as kill-chain phase names ({@code defense-evasion}), in bundle order
 * @param guidance   how the mitigation applies to this technique (the relationship's description, citations
 *                   removed, Markdown kept); empty when there is none
 */
public record MitigatedTechnique(String stixId, String externalId, String name, String url, List<String> tactics,
        String guidance) {

    public MitigatedTechnique {
        Objects.requireNonNull(stixId, "stixId");
        Objects.requireNonNull(name, "name");
        tactics = List.copyOf(tactics);
        Objects.requireNonNull(guidance, "guidance");
    }
}
