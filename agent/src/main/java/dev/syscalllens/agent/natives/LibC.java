package dev.syscalllens.agent.natives;

import jnr.ffi.LibraryLoader;

/** The few libc functions the agent needs, through jnr-ffi; loaded once. */
public interface LibC {
    /** prctl(2) option that names the process allowed to ptrace us under Yama's ptrace_scope 1. */
    int PR_SET_PTRACER = 0x59616d61;

    int gettid();

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    static LibC load() {
        return LibraryLoader.create(LibC.class).load("c");
    }
}
