package dev.syscalllens.agent.it;

/**
 * Also the check of RandomAccessFile.length and setLength, native on JDK 17: the tour's calls
 * of them are traced through their rewritten call sites (NativeCallSites), with no JVM option.
 */
class IoTourJdk17IT extends IoTourChecks {
    @Override
    Env.Jdk jdk() {
        return Env.Jdk.JDK17;
    }
}
