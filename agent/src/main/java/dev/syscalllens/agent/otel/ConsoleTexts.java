package dev.syscalllens.agent.otel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console tree may show the first 32 bytes of each buffer, as strace does, while exported
 * spans show only {@code payload=} bytes (none by default). The fuller text goes from the emitter
 * to the console exporter here, by span id, never into a span. Bounded: a span the console never
 * prints (dropped on the way) ages out.
 */
final class ConsoleTexts {
    /** What strace shows of a buffer by default (-s 32). */
    static final int CONSOLE_BYTES = 32;
    private static final int MAX = 16_384;

    private final Map<String, String> texts = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX;
        }
    };

    synchronized void put(String spanId, String args) {
        texts.put(spanId, args);
    }

    synchronized String take(String spanId) {
        return texts.remove(spanId);
    }
}
