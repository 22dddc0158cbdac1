package dev.syscalllens.agent.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.internal.AttributeUtil;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A span built by {@link DirectSpans}: what the SDK's own span records, under the same limits,
 * kept in two small arrays instead of a map. Built, changed and ended on the correlator thread
 * (and by the processors it calls there); once ended it no longer changes, and is its own
 * {@link SpanData}: the batch processors read it on their threads after taking it from their
 * queues.
 */
final class DirectSpan implements ReadWriteSpan, SpanData {
    private final DirectSpans owner;
    private final SpanKind kind;
    private final DirectSpanContext context;
    private final SpanContext parent;
    private final long startNs;
    private final Fields attributes;
    private String name;
    private StatusData status = StatusData.unset();
    private List<EventData> events;
    private int eventsAdded;
    private List<LinkData> links;
    private int linksAdded;
    private long endNs;
    private boolean ended;
    /** The attributes as an immutable set, made when first read after the end. */
    private Attributes frozen;

    DirectSpan(DirectSpans owner, String name, SpanKind kind, DirectSpanContext context, SpanContext parent,
               long startNs, Fields attributes) {
        this.owner = owner;
        this.name = name;
        this.kind = kind;
        this.context = context;
        this.parent = parent;
        this.startNs = startNs;
        this.attributes = attributes;
    }

    /** A copy of a span not yet ended, for {@link #toSpanData} (the SDK's gives a snapshot too). */
    private DirectSpan(DirectSpan s) {
        this(s.owner, s.name, s.kind, s.context, s.parent, s.startNs, s.attributes.copy());
        status = s.status;
        events = s.events == null ? null : new ArrayList<>(s.events);
        eventsAdded = s.eventsAdded;
        links = s.links == null ? null : new ArrayList<>(s.links);
        linksAdded = s.linksAdded;
    }

    // --- Span: what a processor may do in onStart; our own spans only set attributes and status.

    @Override
    public <T> ReadWriteSpan setAttribute(AttributeKey<T> key, T value) {
        if (!ended) {
            attributes.put(key, value);
        }
        return this;
    }

    @Override
    public ReadWriteSpan addEvent(String eventName, Attributes eventAttributes) {
        return addEvent(eventName, eventAttributes, EpochClock.INSTANCE.now(), TimeUnit.NANOSECONDS);
    }

    @Override
    public ReadWriteSpan addEvent(String eventName, Attributes eventAttributes, long timestamp, TimeUnit unit) {
        if (eventName == null || ended) {
            return this;
        }
        Attributes a = eventAttributes == null ? Attributes.empty() : eventAttributes;
        EventData e = EventData.create(unit.toNanos(timestamp), eventName,
                AttributeUtil.applyAttributesLimit(a, owner.limits.getMaxNumberOfAttributesPerEvent(),
                        owner.limits.getMaxAttributeValueLength()), a.size());
        if (events == null) {
            events = new ArrayList<>();
        }
        if (events.size() < owner.limits.getMaxNumberOfEvents()) {
            events.add(e);
        }
        eventsAdded++;
        return this;
    }

    @Override
    public ReadWriteSpan recordException(Throwable exception, Attributes additional) {
        if (exception == null) {
            return this;
        }
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        AttributesBuilder a = Attributes.builder()
                .put("exception.type", exception.getClass().getCanonicalName())
                .put("exception.stacktrace", trace.toString());
        if (exception.getMessage() != null) {
            a.put("exception.message", exception.getMessage());
        }
        if (additional != null) {
            a.putAll(additional);
        }
        return addEvent("exception", a.build());
    }

    @Override
    public Span addLink(SpanContext linked, Attributes linkAttributes) {
        if (linked == null || !linked.isValid() || ended) {
            return this;
        }
        Attributes a = linkAttributes == null ? Attributes.empty() : linkAttributes;
        if (links == null) {
            links = new ArrayList<>();
        }
        if (links.size() < owner.limits.getMaxNumberOfLinks()) {
            links.add(LinkData.create(linked, AttributeUtil.applyAttributesLimit(a,
                    owner.limits.getMaxNumberOfAttributesPerLink(), owner.limits.getMaxAttributeValueLength()), a.size()));
        }
        linksAdded++;
        return this;
    }

    @Override
    public ReadWriteSpan setStatus(StatusCode code, String description) {
        // As the SDK's: ignored once ended, or once the status is OK.
        if (code != null && !ended && status.getStatusCode() != StatusCode.OK) {
            status = StatusData.create(code, description);
        }
        return this;
    }

    @Override
    public ReadWriteSpan updateName(String newName) {
        if (newName != null && !ended) {
            name = newName;
        }
        return this;
    }

    @Override
    public void end() {
        end(EpochClock.INSTANCE.now(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void end(long timestamp, TimeUnit unit) {
        if (ended) {
            return;
        }
        endNs = timestamp == 0 ? EpochClock.INSTANCE.now() : (unit == null ? TimeUnit.NANOSECONDS : unit).toNanos(timestamp);
        ended = true;
        owner.ended(this);
    }

    @Override
    public boolean isRecording() {
        return !ended;
    }

    // --- ReadableSpan and SpanData

    @Override
    public SpanContext getSpanContext() {
        return context;
    }

    @Override
    public SpanContext getParentSpanContext() {
        return parent;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public SpanData toSpanData() {
        return ended ? this : new DirectSpan(this);
    }

    @Override
    @SuppressWarnings("deprecation")
    public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
        return owner.library;
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return owner.scope;
    }

    @Override
    public boolean hasEnded() {
        return ended;
    }

    @Override
    public long getLatencyNanos() {
        return (ended ? endNs : EpochClock.INSTANCE.now()) - startNs;
    }

    @Override
    public SpanKind getKind() {
        return kind;
    }

    @Override
    public <T> T getAttribute(AttributeKey<T> key) {
        return attributes.get(key);
    }

    @Override
    public Attributes getAttributes() {
        Attributes a = frozen;
        if (a == null) {
            a = attributes.build();
            if (ended) {
                frozen = a;
            }
        }
        return a;
    }

    @Override
    public StatusData getStatus() {
        return status;
    }

    @Override
    public long getStartEpochNanos() {
        return startNs;
    }

    @Override
    public List<EventData> getEvents() {
        return events == null ? Collections.emptyList() : Collections.unmodifiableList(events);
    }

    @Override
    public List<LinkData> getLinks() {
        return links == null ? Collections.emptyList() : Collections.unmodifiableList(links);
    }

    @Override
    public long getEndEpochNanos() {
        return endNs;
    }

    @Override
    public int getTotalRecordedEvents() {
        return eventsAdded;
    }

    @Override
    public int getTotalRecordedLinks() {
        return linksAdded;
    }

    @Override
    public int getTotalAttributeCount() {
        return attributes.added;
    }

    @Override
    public Resource getResource() {
        return owner.resource;
    }

    @Override
    public String toString() {
        return "DirectSpan{name=" + name + ", context=" + context + ", parent=" + parent + ", attributes="
                + getAttributes() + ", status=" + status + ", start=" + startNs + ", end=" + endNs + "}";
    }

    /**
     * A span's attributes in the order they were set, under the SDK's rules for them: a key set
     * again replaces its value; past the limit on their number, new keys are dropped; strings
     * are cut to the limit on their length; every attempt counts in the total.
     */
    static final class Fields {
        private final int capacity;
        private final int lengthLimit;
        private AttributeKey<?>[] keys;
        private Object[] values;
        private int size;
        /** One bit per key held, by its hash code: a key whose bit is clear is new, without a search. */
        private long hashBits;
        /** Every attribute set, kept or not (the SDK's total attribute count). */
        int added;

        Fields(int capacity, int lengthLimit) {
            this.capacity = capacity;
            this.lengthLimit = lengthLimit;
            this.keys = new AttributeKey<?>[12];
            this.values = new Object[12];
        }

        private Fields(Fields f) {
            capacity = f.capacity;
            lengthLimit = f.lengthLimit;
            keys = Arrays.copyOf(f.keys, f.keys.length);
            values = Arrays.copyOf(f.values, f.values.length);
            size = f.size;
            hashBits = f.hashBits;
            added = f.added;
        }

        Fields copy() {
            return new Fields(this);
        }

        void put(AttributeKey<?> key, Object value) {
            if (key == null || key.getKey().isEmpty() || value == null) {
                return;
            }
            added++;
            long bit = 1L << key.hashCode();
            int i = (hashBits & bit) == 0 ? -1 : indexOf(key);
            if (i < 0) {
                if (size >= capacity) {
                    return;
                }
                if (size == keys.length) {
                    keys = Arrays.copyOf(keys, size * 2);
                    values = Arrays.copyOf(values, size * 2);
                }
                i = size++;
                keys[i] = key;
                hashBits |= bit;
            }
            values[i] = lengthLimit == Integer.MAX_VALUE ? value : AttributeUtil.applyAttributeLengthLimit(value, lengthLimit);
        }

        /** Keys are mostly the same constants, and their hash codes are kept in them. */
        private int indexOf(AttributeKey<?> key) {
            int h = key.hashCode();
            for (int i = 0; i < size; i++) {
                AttributeKey<?> k = keys[i];
                if (k == key || (k.hashCode() == h && k.equals(key))) {
                    return i;
                }
            }
            return -1;
        }

        @SuppressWarnings("unchecked")
        <T> T get(AttributeKey<T> key) {
            int i = key == null || (hashBits & (1L << key.hashCode())) == 0 ? -1 : indexOf(key);
            return i < 0 ? null : (T) values[i];
        }

        int size() {
            return size;
        }

        AttributeKey<?> key(int i) {
            return keys[i];
        }

        Object value(int i) {
            return values[i];
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Attributes build() {
            if (size == 0) {
                return Attributes.empty();
            }
            AttributesBuilder b = Attributes.builder();
            for (int i = 0; i < size; i++) {
                b.put((AttributeKey) keys[i], values[i]);
            }
            return b.build();
        }
    }
}
