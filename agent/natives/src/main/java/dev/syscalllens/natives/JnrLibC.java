package dev.syscalllens.natives;

/** The few libc functions the agent needs, as jnr-ffi binds them; see {@link Natives#load}. */
public interface JnrLibC {
    int gettid();

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);
}
