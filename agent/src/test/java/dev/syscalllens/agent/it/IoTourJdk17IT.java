package dev.syscalllens.agent.it;

import java.util.List;

class IoTourJdk17IT extends IoTourChecks {
    @Override
    Env.Jdk jdk() {
        return Env.Jdk.JDK17;
    }

    /**
     * RandomAccessFile.length and setLength are native on JDK 17: the agent wraps them only where
     * the JVM lets a retransformation add a method (NativeWrappers). Without the option they are
     * not traced, and the tour's marked calls of them would have no span.
     */
    @Override
    List<String> jvmOptions() {
        return List.of("-XX:+AllowRedefinitionToAddDeleteMethods");
    }
}
