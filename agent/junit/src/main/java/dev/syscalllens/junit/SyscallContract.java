package dev.syscalllens.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the test method's body may do at the kernel boundary. The whole body is the block;
 * {@code @BeforeEach} methods and other extensions are not. Every stated part must hold.
 *
 * <pre>
 *   &#64;Test
 *   &#64;SyscallContract(exactly = {"openat", "write", "close"})
 *   void writesOnce() throws IOException { ... }
 *
 *   &#64;Test
 *   &#64;SyscallContract(atMost = "write:1", forbid = "fsync")
 *   void buffers() throws IOException { ... }
 * </pre>
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SyscallContractExtension.class)
public @interface SyscallContract {
    /** Exactly these syscalls, in this order (none stated: not checked; see {@link #nothing()}). */
    String[] exactly() default {};

    /** No syscall at all. */
    boolean nothing() default false;

    /** Upper bounds, {@code "NAME:MAX"} ({@code "write:3"}), or {@code "*:MAX"} for all syscalls. */
    String[] atMost() default {};

    /** Syscalls that must not be made. */
    String[] forbid() default {};

    /** More names to leave out as noise, besides {@link SyscallFilter#jvm()}. */
    String[] ignore() default {};

    /** Whether {@link SyscallFilter#jvm()} applies; false: the contract sees every syscall. */
    boolean jvmNoise() default true;
}
