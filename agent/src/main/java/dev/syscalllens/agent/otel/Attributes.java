package dev.syscalllens.agent.otel;

import io.opentelemetry.api.common.AttributeKey;

/** Every attribute key syscall-lens sets; docs/span-model.md describes each. */
public final class Attributes {
    /* Java call spans. OpenTelemetry semantic conventions where one exists. */
    /** Semantic conventions 1.30+: the fully qualified method (code.namespace and code.function are deprecated). */
    public static final AttributeKey<String> CODE_FUNCTION_NAME = AttributeKey.stringKey("code.function.name");
    public static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");
    public static final AttributeKey<Long> THREAD_ID = AttributeKey.longKey("thread.id");
    public static final AttributeKey<String> FILE_PATH = AttributeKey.stringKey("file.path");
    public static final AttributeKey<String> NETWORK_TRANSPORT = AttributeKey.stringKey("network.transport");
    public static final AttributeKey<String> NETWORK_LOCAL_ADDRESS = AttributeKey.stringKey("network.local.address");
    public static final AttributeKey<Long> NETWORK_LOCAL_PORT = AttributeKey.longKey("network.local.port");
    public static final AttributeKey<String> NETWORK_PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
    public static final AttributeKey<Long> NETWORK_PEER_PORT = AttributeKey.longKey("network.peer.port");
    /** ClassLoader.loadClass: the class being loaded. */
    public static final AttributeKey<String> LOADED_CLASS = AttributeKey.stringKey("syscall_lens.class.name");
    public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    public static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
    /** Scheme, host, port and path only: user info, query and fragment may hold secrets. */
    public static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    public static final AttributeKey<Long> PROCESS_PID = AttributeKey.longKey("process.pid");
    public static final AttributeKey<String> PROCESS_COMMAND = AttributeKey.stringKey("process.command_line");
    /** Bytes the call read or wrote, for calls that move bytes. */
    public static final AttributeKey<Long> IO_BYTES = AttributeKey.longKey("syscall_lens.io.bytes");
    /** Syscalls the call made itself (not counting nested Java calls). */
    public static final AttributeKey<Long> SYSCALL_COUNT = AttributeKey.longKey("syscall_lens.syscall.count");
    /** Of those, how many have no child span because of the bound per call. */
    /** Calls of this thread dropped (its call ring was full) since its previous outermost call. */
    public static final AttributeKey<Long> CALLS_DROPPED_BEFORE = AttributeKey.longKey("syscall_lens.calls.dropped_before");
    /** Syscalls the probe dropped (its buffer was full), in any thread, since the previous outermost call span. */
    public static final AttributeKey<Long> SYSCALLS_DROPPED_BEFORE = AttributeKey.longKey("syscall_lens.syscalls.dropped_before");
    public static final AttributeKey<Long> SYSCALL_OMITTED = AttributeKey.longKey("syscall_lens.syscall.omitted");
    /** Outermost calls: syscalls their thread made outside any recorded call since the previous one. */
    public static final AttributeKey<Long> SYSCALLS_BEFORE = AttributeKey.longKey("syscall_lens.syscalls.outside_before");
    /** True when the probe was not tracing while the call ran: the call has no syscall children. */
    public static final AttributeKey<Boolean> SYSCALLS_UNKNOWN = AttributeKey.booleanKey("syscall_lens.syscalls.unknown");

    /** On a span link: why the two calls are tied (one caused the other's syscalls). */
    public static final AttributeKey<String> LINK_REASON = AttributeKey.stringKey("syscall_lens.link.reason");

    /* Virtual threads: parks inside a call (span attribute, events, links to the JDK poller). */
    /** Times the call's virtual thread parked (left its carrier) inside it, not inside a nested call. */
    public static final AttributeKey<Long> PARK_COUNT = AttributeKey.longKey("syscall_lens.park.count");
    /** Name of the span event at each park. */
    public static final String PARK_EVENT = "syscall_lens.park";
    /** On a park event or a poller link: the fd the virtual thread waited for in the JDK poller. */
    public static final AttributeKey<Long> PARK_FD = AttributeKey.longKey("syscall_lens.park.fd");
    /** On a park event: nanoseconds until the virtual thread ran again. */
    public static final AttributeKey<Long> PARK_DURATION = AttributeKey.longKey("syscall_lens.park.duration_ns");
    /** On a park event: the carrier it ran on again ({@code linux.tid} is the one it left). */
    public static final AttributeKey<Long> PARK_RESUMED_TID = AttributeKey.longKey("syscall_lens.park.resumed_tid");

    /* Syscall spans. */
    public static final AttributeKey<String> SYSCALL_NAME = AttributeKey.stringKey("syscall.name");
    public static final AttributeKey<String> SYSCALL_ARGS = AttributeKey.stringKey("syscall.args");
    public static final AttributeKey<String> SYSCALL_RETURN = AttributeKey.stringKey("syscall.return");
    public static final AttributeKey<String> SYSCALL_ERRNO = AttributeKey.stringKey("syscall.errno");
    /** The descriptor the syscall acts on, or the one it returned (openat, socket, accept). */
    public static final AttributeKey<Long> SYSCALL_FD = AttributeKey.longKey("syscall.fd");
    /** What that descriptor is, as strace -yy names it: a path, {@code TCP:[a:p->b:q]}, {@code pipe:[n]}. */
    public static final AttributeKey<String> SYSCALL_FD_TARGET = AttributeKey.stringKey("syscall.fd.target");
    public static final AttributeKey<Long> SYSCALL_NR = AttributeKey.longKey("syscall.nr");
    public static final AttributeKey<Long> LINUX_TID = AttributeKey.longKey("linux.tid");

    private Attributes() {
    }
}
