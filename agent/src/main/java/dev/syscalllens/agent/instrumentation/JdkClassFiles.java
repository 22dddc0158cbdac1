package dev.syscalllens.agent.instrumentation;

import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * JDK class files, read from the runtime image rather than described through the loaded class:
 * checking the targets through reflection loaded every instrumented class at start (HttpClient's,
 * the asynchronous channels', ...) with the classes they need, and the agent then had to
 * retransform all of them. Unloaded, a class is transformed only if and when the application
 * loads it, and its file is read then, by the weaving.
 */
final class JdkClassFiles {
    /** One declared method as reflection would show it: {@code name(param,types)}. */
    record Declared(String name, String signature, int access) {
        boolean isNative() {
            return (access & Opcodes.ACC_NATIVE) != 0;
        }

        boolean isPublic() {
            return (access & Opcodes.ACC_PUBLIC) != 0;
        }
    }

    private JdkClassFiles() {
    }

    /** The class file in the runtime image; null when it has no such class (or none this JVM resolved). */
    static byte[] classFile(String className) throws IOException {
        // Class files are never encapsulated: any loader finds them in any module of the image.
        try (InputStream in = ClassLoader.getSystemResourceAsStream(className.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** A method of a class file as {@link Declared}. */
    static Declared declared(String name, String descriptor, int access) {
        return new Declared(name, name + "(" + Arrays.stream(Type.getArgumentTypes(descriptor))
                .map(Type::getClassName).collect(Collectors.joining(",")) + ")", access);
    }
}
