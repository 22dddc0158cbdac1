package dev.syscalllens.agent.instrumentation;

import java.io.IOException;

/** RandomAccessFile's shape on JDK 17, in small: a path field and native methods no library has. */
class NativeFixture {
    final String path = "/fixture";

    public native long length() throws IOException;

    public native void setLength(long length) throws IOException;
}
