package dev.syscalllens.agent.it;

import dev.syscalllens.agent.instrumentation.Instrumentations;

/**
 * Prints each target the running JDK lacks, one a line, from the agent jar's own check: run by
 * {@link TargetsJdk25IT} on a JDK other than the build's.
 */
public final class TargetsOnJdk {
    private TargetsOnJdk() {
    }

    public static void main(String[] args) {
        Instrumentations.check(Instrumentations.all()).missing().forEach(System.out::println);
    }
}
