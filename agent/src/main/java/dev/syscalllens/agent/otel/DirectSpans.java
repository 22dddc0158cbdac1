package dev.syscalllens.agent.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spans built without the SDK's span builder, handed to the SDK's own span processors. The
 * correlator builds every span after the fact, on one thread. Through the SDK's builder (a
 * HashMap for each span's attributes, ids written in hex and checked, a lock) it spent twice the
 * CPU per call it spends now, and a loop making a million calls a second could outrun it while
 * its code was still being compiled. A span built here is the one the SDK would build: the same
 * kind of ids, sampling decision, trace flags and state, attributes under the same limits,
 * resource and scope, and it goes to the same processors in the same order.
 * <p>
 * That holds where the sampling decision is known without asking the sampler: the SDK's default
 * sampler (parent-based, always on) with no parent or a sampled one, and its default id
 * generator. (The SDK's own metrics of its spans, which nothing of ours exports, are not kept for
 * these.) Anything else goes to the SDK's builder: another sampler ({@code OTEL_TRACES_SAMPLER}),
 * a parent not sampled, a disabled tracer, a span with links, after shutdown. Spans that record
 * an exception or events are the caller's to build with {@link #sdkTracer} (the SDK's exception
 * attributes are its own).
 */
public final class DirectSpans {
    static final String SCOPE = "dev.syscalllens";

    final SpanLimits limits;
    final Resource resource;
    final InstrumentationScopeInfo scope = InstrumentationScopeInfo.create(SCOPE);
    @SuppressWarnings("deprecation")
    final InstrumentationLibraryInfo library = InstrumentationLibraryInfo.create(SCOPE, null);
    private final SpanProcessor processor;
    private final boolean startRequired;
    private final boolean endRequired;
    private final Tracer sdk;
    /** Whether spans can be built here at all (see the class comment); else all go to the SDK. */
    private final boolean direct;
    private volatile boolean shutdown;

    /**
     * {@code processors} are the provider's, in its order; {@code resource} is its resource.
     * (The SDK keeps both to itself: {@link Telemetry} collects them as it builds the provider.)
     */
    DirectSpans(SdkTracerProvider provider, List<SpanProcessor> processors, Resource resource) {
        this.limits = provider.getSpanLimits();
        this.resource = resource;
        this.processor = SpanProcessor.composite(processors);
        this.startRequired = processor.isStartRequired();
        this.endRequired = processor.isEndRequired();
        this.sdk = provider.get(SCOPE);
        Sampler sampler = provider.getSampler();
        Sampler standard = Sampler.parentBased(Sampler.alwaysOn());
        boolean onEnding = processor instanceof ExtendedSpanProcessor e && e.isOnEndingRequired();
        // The ids: the SDK's default generator (random), which only its toString names.
        this.direct = provider.toString().contains("idGenerator=RandomIdGenerator{}")
                && sampler.getClass() == standard.getClass()
                && sampler.getDescription().equals(standard.getDescription())
                && sdk.isEnabled() && !onEnding;
    }

    /** Whether spans are built here (else every builder is the SDK's). */
    boolean direct() {
        return direct;
    }

    /** Builders of spans built here where they can be, else the SDK's. */
    public Tracer tracer() {
        return name -> direct && !shutdown ? new Builder(name) : sdk.spanBuilder(name);
    }

    /** The SDK's own builders. */
    public Tracer sdkTracer() {
        return sdk;
    }

    /** From now on every span goes to the SDK (which, shut down, makes them no-ops). */
    void shutdown() {
        shutdown = true;
    }

    void ended(DirectSpan span) {
        if (endRequired) {
            processor.onEnd(span);
        }
    }

    /**
     * Collects what the SDK's builder would, then builds the span here or, where that would not
     * give the SDK's span (see the class comment), hands it all to the SDK's builder.
     */
    private final class Builder implements SpanBuilder {
        private final String name;
        private final DirectSpan.Fields attributes =
                new DirectSpan.Fields(limits.getMaxNumberOfAttributes(), limits.getMaxAttributeValueLength());
        private Context parent;
        private SpanKind kind = SpanKind.INTERNAL;
        private long startNs;
        /** Links, in pairs of context and attributes: a span with any goes to the SDK. */
        private List<Object> links;

        Builder(String name) {
            this.name = name;
        }

        @Override
        public SpanBuilder setParent(Context context) {
            if (context != null) {
                parent = context;
            }
            return this;
        }

        @Override
        public SpanBuilder setNoParent() {
            parent = Context.root();
            return this;
        }

        @Override
        public SpanBuilder addLink(SpanContext context) {
            return addLink(context, Attributes.empty());
        }

        @Override
        public SpanBuilder addLink(SpanContext context, Attributes linkAttributes) {
            if (context != null && context.isValid()) {
                if (links == null) {
                    links = new ArrayList<>();
                }
                links.add(context);
                links.add(linkAttributes);
            }
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, String value) {
            return setAttribute(AttributeKey.stringKey(key), value);
        }

        @Override
        public SpanBuilder setAttribute(String key, long value) {
            return setAttribute(AttributeKey.longKey(key), value);
        }

        @Override
        public SpanBuilder setAttribute(String key, double value) {
            return setAttribute(AttributeKey.doubleKey(key), value);
        }

        @Override
        public SpanBuilder setAttribute(String key, boolean value) {
            return setAttribute(AttributeKey.booleanKey(key), value);
        }

        @Override
        public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
            attributes.put(key, value);
            return this;
        }

        @Override
        public SpanBuilder setSpanKind(SpanKind spanKind) {
            if (spanKind != null) {
                kind = spanKind;
            }
            return this;
        }

        @Override
        public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
            if (startTimestamp >= 0 && unit != null) {
                startNs = unit.toNanos(startTimestamp);
            }
            return this;
        }

        @Override
        public Span startSpan() {
            Context context = parent == null ? Context.current() : parent;
            SpanContext p = Span.fromContext(context).getSpanContext();
            if (links != null || shutdown || (p.isValid() && !p.isSampled())) {
                return viaSdk(context);
            }
            // The SDK's name for a blank one.
            String n = name == null || name.trim().isEmpty() ? "<unspecified span name>" : name;
            DirectSpan span = new DirectSpan(DirectSpans.this, n, kind,
                    p.isValid() ? DirectSpanContext.child(p) : DirectSpanContext.root(), p,
                    startNs != 0 ? startNs : EpochClock.INSTANCE.now(), attributes);
            if (startRequired) {
                processor.onStart(context, span);
            }
            return span;
        }

        /** Everything collected, to the SDK's builder. (A key set twice is set once there.) */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private Span viaSdk(Context context) {
            SpanBuilder b = sdk.spanBuilder(name).setParent(context).setSpanKind(kind);
            if (startNs != 0) {
                b.setStartTimestamp(startNs, TimeUnit.NANOSECONDS);
            }
            for (int i = 0; i < attributes.size(); i++) {
                b.setAttribute((AttributeKey) attributes.key(i), attributes.value(i));
            }
            if (links != null) {
                for (int i = 0; i < links.size(); i += 2) {
                    b.addLink((SpanContext) links.get(i), (Attributes) links.get(i + 1));
                }
            }
            return b.startSpan();
        }
    }
}
