package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every JDK method the agent matches exists on JDK 25 (InstrumentationsTest checks the build's
 * JDK). The agent names a missing one only when its class is woven, so a demo's run would not
 * see those of classes it never loads: the check runs here, from the agent jar, on JDK 25.
 */
class TargetsJdk25IT {
    @Test
    void everyMatchedMethodExistsOnJdk25() throws Exception {
        Path testClasses = Path.of(TargetsOnJdk.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Forked.Result r = Forked.run(List.of(Env.Jdk.JDK25.java().toString(), "-cp",
                Env.AGENT.toAbsolutePath() + ":" + testClasses, TargetsOnJdk.class.getName()), 60);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.stdout().strip(), "methods missing on JDK 25");
    }
}
