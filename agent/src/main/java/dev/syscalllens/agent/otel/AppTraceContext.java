package dev.syscalllens.agent.otel;

import dev.syscalllens.agent.Log;
import dev.syscalllens.bootstrap.Recorder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.security.ProtectionDomain;

/**
 * The application's own trace, when it has one: the OpenTelemetry Java agent's (its shaded API,
 * in its own class loader) or the OpenTelemetry API the application uses with its SDK. Once one is
 * loaded, the Recorder is given a handle that reads the span current on the calling thread
 * ({@code Span.current().getSpanContext()} of that API) when an outermost call starts; the
 * correlator turns what it read into the parent of the call's span, so the call joins the
 * application's trace. The application's API is only ever called on its threads through that
 * handle, and read here through public methods of its SpanContext.
 */
public final class AppTraceContext {
    /*
     * The names are put together at run time: the agent jar's shading rewrites every string
     * constant that starts with the OpenTelemetry package to our relocated one.
     */
    private static final String OTEL = String.join(".", "io", "opentelemetry");
    /** The OpenTelemetry Java agent keeps the context in its shaded copy of the API. */
    private static final String JAVAAGENT_SPAN = OTEL + ".javaagent.shaded." + OTEL + ".api.trace.Span";
    private static final String JAVAAGENT_INITIALIZER = OTEL + ".javaagent.bootstrap.AgentInitializer";
    private static final String API_SPAN = OTEL + ".api.trace.Span";
    /**
     * The application's first class of the API or of its context (OpenTelemetry, GlobalOpenTelemetry,
     * Context ...) is loaded while it sets its OpenTelemetry up, some time before its first span.
     */
    private static final String API_PACKAGES = (OTEL + ".api.").replace('.', '/');
    private static final String CONTEXT_PACKAGES = (OTEL + ".context.").replace('.', '/');

    private volatile WeakReference<ClassLoader> apiLoader;
    private String installed;

    /** How to read a SpanContext of the installed API; published whole, read on the correlator thread. */
    private record Readers(MethodHandle traceId, MethodHandle spanId, MethodHandle flags, MethodHandle flagsByte,
                           MethodHandle valid) {
    }

    private volatile Readers readers;

    /** Set when the application loads its OpenTelemetry API; the correlator then looks at once. */
    private volatile boolean seen;

    /**
     * Watches class loading for the application's own OpenTelemetry API. Only a field write on
     * the loading thread: the reader is made on the correlator thread, which looks within a few
     * milliseconds (class loading there, inside the application's own loads, could go circular).
     */
    public void watch(Instrumentation inst, Runnable wake) {
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd,
                                    byte[] bytes) {
                if (loader != null && apiLoader == null && className != null
                        && (className.startsWith(API_PACKAGES) || className.startsWith(CONTEXT_PACKAGES))) {
                    apiLoader = new WeakReference<>(loader);
                    seen = true;
                    wake.run(); // an unpark: the correlator looks now rather than in up to 5 ms
                }
                return null;
            }
        });
    }

    private boolean warm;

    /**
     * Makes method handles of the shapes {@link #install} makes, on JDK classes, and calls them
     * once: the JVM's first handles of a shape spin classes of their own, which takes tens of
     * milliseconds in a young JVM. Done ahead, on the correlator thread, it leaves install the
     * lookups alone, so that the reader is in place before an application that loads its
     * OpenTelemetry API and soon after starts a span makes its first call in it.
     */
    private static void warmUp() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle current = lookup.findStatic(Thread.class, "currentThread", MethodType.methodType(Thread.class));
            MethodHandle get = lookup.findVirtual(Thread.class, "getThreadGroup", MethodType.methodType(ThreadGroup.class));
            Object group = (Object) MethodHandles.filterReturnValue(current, get)
                    .asType(MethodType.methodType(Object.class)).invokeExact();
            String text = (String) lookup.findVirtual(Object.class, "toString", MethodType.methodType(String.class))
                    .asType(MethodType.methodType(String.class, Object.class)).invokeExact((Object) "warm");
            Object type = (Object) lookup.findVirtual(Object.class, "getClass", MethodType.methodType(Class.class))
                    .asType(MethodType.methodType(Object.class, Object.class)).invokeExact((Object) text);
            byte b = (byte) lookup.findVirtual(Byte.class, "byteValue", MethodType.methodType(byte.class))
                    .asType(MethodType.methodType(byte.class, Object.class)).invokeExact((Object) Byte.valueOf((byte) 1));
            boolean z = (boolean) lookup.findVirtual(Boolean.class, "booleanValue", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, Object.class)).invokeExact((Object) Boolean.TRUE);
        } catch (Throwable e) {
            Log.debug("method handles not warmed up: " + e);
        }
    }

    /** On the correlator thread, every few milliseconds: looks at once when the API was just loaded. */
    public void updateIfSeen() {
        if (!warm) {
            warm = true;
            warmUp();
        }
        if (seen) {
            seen = false;
            update();
        }
    }

    /**
     * On the correlator thread, about every 100 ms until done: installs the reader. With the
     * OpenTelemetry Java agent, its copy of the API (in the boot class loader, where the
     * application's API calls are bridged to) is the one to read; otherwise the application's.
     */
    public void update() {
        if (JAVAAGENT_SPAN.equals(installed)) {
            return;
        }
        // Asked every time until found: the OpenTelemetry Java agent may be listed after us, so
        // that its premain runs while we already run (a failed boot lookup costs microseconds).
        if (bootHas(JAVAAGENT_INITIALIZER)) {
            if (bootHas(JAVAAGENT_SPAN)) {
                install(JAVAAGENT_SPAN, null);
            }
            return;
        }
        WeakReference<ClassLoader> api = apiLoader;
        ClassLoader loader = api == null ? null : api.get();
        if (installed == null && loader != null) {
            install(API_SPAN, loader);
        }
    }

    private static boolean bootHas(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private void install(String spanClassName, ClassLoader loader) {
        try {
            Class<?> span = Class.forName(spanClassName, false, loader);
            Class<?> context = Class.forName(spanClassName.replace("Span", "SpanContext"), false, loader);
            Class<?> traceFlags = Class.forName(spanClassName.replace("Span", "TraceFlags"), false, loader);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle current = lookup.findStatic(span, "current", MethodType.methodType(span));
            MethodHandle get = lookup.findVirtual(span, "getSpanContext", MethodType.methodType(context));
            MethodHandle reader = MethodHandles.filterReturnValue(current, get).asType(MethodType.methodType(Object.class));
            readers = new Readers(
                    lookup.findVirtual(context, "getTraceId", MethodType.methodType(String.class))
                            .asType(MethodType.methodType(String.class, Object.class)),
                    lookup.findVirtual(context, "getSpanId", MethodType.methodType(String.class))
                            .asType(MethodType.methodType(String.class, Object.class)),
                    lookup.findVirtual(context, "getTraceFlags", MethodType.methodType(traceFlags))
                            .asType(MethodType.methodType(Object.class, Object.class)),
                    lookup.findVirtual(traceFlags, "asByte", MethodType.methodType(byte.class))
                            .asType(MethodType.methodType(byte.class, Object.class)),
                    lookup.findVirtual(context, "isValid", MethodType.methodType(boolean.class))
                            .asType(MethodType.methodType(boolean.class, Object.class)));
            // Once here first: the handle's own classes are spun on this thread rather than inside
            // an application call (this may also set up the application's context storage).
            Object first = (Object) reader.invokeExact();
            Recorder.setContextReader(reader);
            installed = spanClassName;
            Log.debug("calls join the application's traces (" + (spanClassName.equals(JAVAAGENT_SPAN)
                    ? "OpenTelemetry Java agent" : "OpenTelemetry API in " + loader) + ")");
        } catch (Throwable e) {
            Log.debug("cannot read the application's trace context from " + spanClassName + ": " + e);
            if (spanClassName.equals(JAVAAGENT_SPAN)) {
                installed = JAVAAGENT_SPAN; // do not try again, nor fall back to the bridged API
            } else {
                apiLoader = null;
            }
        }
    }

    /**
     * The span context read on the application's thread (an object of its API), as one of ours;
     * null when there was none or it is not valid.
     */
    public SpanContext parentOf(Object appSpanContext) {
        Readers r = readers;
        if (appSpanContext == null || r == null) {
            return null;
        }
        try {
            if (!(boolean) r.valid().invokeExact(appSpanContext)) {
                return null;
            }
            String trace = (String) r.traceId().invokeExact(appSpanContext);
            String span = (String) r.spanId().invokeExact(appSpanContext);
            byte f = (byte) r.flagsByte().invokeExact((Object) r.flags().invokeExact(appSpanContext));
            return SpanContext.create(trace, span, TraceFlags.fromByte(f), TraceState.getDefault());
        } catch (Throwable t) {
            return null;
        }
    }
}
