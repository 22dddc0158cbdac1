package dev.syscalllens.agent.instrumentation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every JDK method the agent matches exists in the JDK running this test (the build's JDK 17; the
 * end-to-end tests check JDK 25 through the agent's own start-up check, which names what is missing).
 */
class InstrumentationsTest {
    @Test
    void everyMatchedMethodExistsOnThisJdk() {
        assertEquals(List.of(), Instrumentations.missing(Instrumentations.all()),
                "methods missing on JDK " + Runtime.version());
    }

    @Test
    void aMethodThatIsNotThereIsReported() {
        Instrumentations.Target bogus = new Instrumentations.Target("sun.nio.ch.FileChannelImpl",
                CallKind.FILE_CHANNEL_READ, net.bytebuddy.matcher.ElementMatchers.none(), Object.class,
                "readEverything(java.nio.ByteBuffer)");
        assertEquals(List.of("sun.nio.ch.FileChannelImpl.readEverything(java.nio.ByteBuffer)"),
                Instrumentations.missing(List.of(bogus)));
    }
}
