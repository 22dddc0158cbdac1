package dev.syscalllens.agent.instrumentation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The weaving finds which targets are native as it weaves their class; a class not loaded when
 * the agent starts is read from the runtime image instead, with the same answer, once.
 */
class AdviceTransformerTest {
    private static final String RAF = "java.io.RandomAccessFile";

    @Test
    void aClassNotWovenYetIsReadFromTheImage() {
        List<Instrumentations.Target> targets = Instrumentations.all().stream()
                .filter(t -> t.className().equals(RAF) && t.applies()).toList();
        AdviceTransformer transformer = new AdviceTransformer(Map.of(RAF, targets));
        transformer.reportFromImage(RAF);
        transformer.reportFromImage(RAF);
        List<String> natives = transformer.started().stream().map(Instrumentations.Target::signature).toList();
        assertEquals(Runtime.version().feature() < 21 ? List.of("length()", "setLength(long)") : List.of(), natives);
    }
}
