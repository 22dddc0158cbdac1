package dev.syscalllens.agent.otel;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK built directly where nothing configures OpenTelemetry is the one autoconfiguration builds then. */
class TelemetryTest {
    @Test
    void anyOtelVariableOrPropertyCountsAsASetting() {
        Properties none = new Properties();
        none.setProperty("java.version", "17");
        assertFalse(Telemetry.otelSettings(Map.of("PATH", "/bin", "OTELX", "1"), none));
        assertTrue(Telemetry.otelSettings(Map.of("OTEL_SERVICE_NAME", "shop"), none));
        Properties one = new Properties();
        one.setProperty("otel.traces.sampler", "always_off");
        assertTrue(Telemetry.otelSettings(Map.of(), one));
    }

    @Test
    void builtDirectlyItIsWhatAutoconfigurationBuildsWithNoSettings() {
        // This JVM has no OTEL setting (else the comparison says nothing).
        assertFalse(Telemetry.otelSettings(System.getenv(), System.getProperties()));
        SdkTracerProvider auto = Telemetry.autoconfigured(false, false, null, new AtomicLong(), new AtomicLong()).provider;
        SdkTracerProvider direct = Telemetry.unconfigured(null).provider;
        try {
            // SdkTracerProvider{clock=, idGenerator=, resource=, spanLimitsSupplier=, sampler=, spanProcessor=, ...}
            String a = auto.toString();
            String d = direct.toString();
            assertTrue(a.contains("resource=Resource{") && a.contains("sampler="), a);
            assertEquals(withoutIdentities(a), withoutIdentities(d));
        } finally {
            auto.close();
            direct.close();
        }
    }

    @Test
    void spansRecordWithTheNoOpMeters() {
        // The SDK counts started and live spans through NoMeters; a span must go through untouched.
        java.util.List<String> ended = new java.util.ArrayList<>();
        SdkTracerProvider direct = Telemetry.unconfigured(new io.opentelemetry.sdk.trace.SpanProcessor() {
            @Override
            public void onStart(io.opentelemetry.context.Context parent, io.opentelemetry.sdk.trace.ReadWriteSpan span) {
            }

            @Override
            public boolean isStartRequired() {
                return false;
            }

            @Override
            public void onEnd(io.opentelemetry.sdk.trace.ReadableSpan span) {
                ended.add(span.getName());
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }
        }).provider;
        try {
            direct.get("test").spanBuilder("FileChannel.write").startSpan().end();
            assertEquals(java.util.List.of("FileChannel.write"), ended);
        } finally {
            direct.close();
        }
    }

    /** Drops the parts that name objects by identity (id generator, clock instance hashes). */
    private static String withoutIdentities(String s) {
        return s.replaceAll("@[0-9a-f]+", "@");
    }
}
