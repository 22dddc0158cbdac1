package dev.syscalllens.agent.instrumentation;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The methods and constructors a JDK class declares, read from its class file in the runtime
 * image, not from the loaded class. Checking the targets through reflection loaded every
 * instrumented class at start (HttpClient's, the asynchronous channels', ...) with the classes
 * they need, and the agent then had to retransform all of them: most of the agent's start-up.
 * Unloaded, a class is transformed only if and when the application loads it.
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

    /**
     * What the class declares, {@code <clinit>} left out as reflection leaves it; null when the
     * runtime image has no such class (or none this JVM resolved).
     */
    static List<Declared> declared(String className) throws IOException {
        // Class files are never encapsulated: any loader finds them in any module of the image.
        try (InputStream in = ClassLoader.getSystemResourceAsStream(className.replace('.', '/') + ".class")) {
            if (in == null) {
                return null;
            }
            List<Declared> methods = new ArrayList<>();
            new ClassReader(in.readAllBytes()).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    if (!name.equals("<clinit>")) {
                        methods.add(declared(name, descriptor, access));
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return methods;
        }
    }

    /** A method of a class file as {@link Declared}. */
    static Declared declared(String name, String descriptor, int access) {
        return new Declared(name, name + "(" + Arrays.stream(Type.getArgumentTypes(descriptor))
                .map(Type::getClassName).collect(Collectors.joining(",")) + ")", access);
    }
}
