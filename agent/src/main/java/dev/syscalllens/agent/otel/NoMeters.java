package dev.syscalllens.agent.otel;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.DoubleUpDownCounterBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;
import io.opentelemetry.context.Context;

import java.util.function.Consumer;

/**
 * The meter provider of the SDK's own span counters (started and live spans), which nobody reads
 * here: a no-op, as the SDK's default is. The default's class initializer makes a no-op of every
 * instrument kind, some 45 classes loaded by the first span, which is often at exit; this one
 * loads only the two counters the tracer asks for. Anything else comes from the default, loaded
 * then.
 */
final class NoMeters implements MeterProvider, MeterBuilder, Meter {
    static final NoMeters INSTANCE = new NoMeters();

    private NoMeters() {
    }

    @Override
    public MeterBuilder meterBuilder(String name) {
        return this;
    }

    @Override
    public MeterBuilder setSchemaUrl(String url) {
        return this;
    }

    @Override
    public MeterBuilder setInstrumentationVersion(String version) {
        return this;
    }

    @Override
    public Meter build() {
        return this;
    }

    @Override
    public LongCounterBuilder counterBuilder(String name) {
        return Counter.INSTANCE;
    }

    @Override
    public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
        return UpDown.INSTANCE;
    }

    @Override
    public DoubleHistogramBuilder histogramBuilder(String name) {
        return other().histogramBuilder(name);
    }

    @Override
    public DoubleGaugeBuilder gaugeBuilder(String name) {
        return other().gaugeBuilder(name);
    }

    /** The SDK's own no-op meter, for what the tracer has not asked for so far. */
    private static Meter other() {
        return MeterProvider.noop().get("syscall-lens");
    }

    /**
     * The adds that both counters drop. The builders cannot be one class: their ofDoubles and
     * buildWithCallback return types that no one type is.
     */
    private abstract static class NoAdds {
        public void add(long value) {
        }

        public void add(long value, Attributes attributes) {
        }

        public void add(long value, Attributes attributes, Context context) {
        }
    }

    private static final class Counter extends NoAdds implements LongCounterBuilder, LongCounter {
        static final Counter INSTANCE = new Counter();

        @Override
        public LongCounterBuilder setDescription(String description) {
            return this;
        }

        @Override
        public LongCounterBuilder setUnit(String unit) {
            return this;
        }

        @Override
        public DoubleCounterBuilder ofDoubles() {
            return other().counterBuilder("syscall-lens").ofDoubles();
        }

        @Override
        public LongCounter build() {
            return this;
        }

        @Override
        public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
            return other().counterBuilder("syscall-lens").buildWithCallback(callback);
        }
    }

    private static final class UpDown extends NoAdds implements LongUpDownCounterBuilder, LongUpDownCounter {
        static final UpDown INSTANCE = new UpDown();

        @Override
        public LongUpDownCounterBuilder setDescription(String description) {
            return this;
        }

        @Override
        public LongUpDownCounterBuilder setUnit(String unit) {
            return this;
        }

        @Override
        public DoubleUpDownCounterBuilder ofDoubles() {
            return other().upDownCounterBuilder("syscall-lens").ofDoubles();
        }

        @Override
        public LongUpDownCounter build() {
            return this;
        }

        @Override
        public ObservableLongUpDownCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
            return other().upDownCounterBuilder("syscall-lens").buildWithCallback(callback);
        }
    }
}
