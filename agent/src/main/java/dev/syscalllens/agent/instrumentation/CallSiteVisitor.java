package dev.syscalllens.agent.instrumentation;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.Set;

/**
 * Turns calls of a class's instance methods into calls of static methods of the same name that
 * take the receiver first ({@code owner.m(desc)} into {@code helper.m(owner, desc...)}), in
 * {@code invokevirtual} and in the method references that {@code LambdaMetafactory.metafactory}
 * links ({@code raf::length}, which javac compiles to no {@code invokevirtual} at all).
 *
 * <p>The replacement has the stack effect of the original and the same length, so the class's
 * frames and maxima stay valid as they are: nothing is computed, no class is loaded.
 * {@code invokespecial} ({@code super.length()} in a subclass) is left alone: a static method
 * cannot make a non-virtual call. So are calls that name a subclass as the owner.
 */
final class CallSiteVisitor extends ClassVisitor {
    private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";

    private final String owner;
    private final String helper;
    /** name + descriptor of each instance method to redirect. */
    private final Set<String> methods;
    private int rewritten;

    private CallSiteVisitor(ClassVisitor next, String owner, String helper, Set<String> methods) {
        super(Opcodes.ASM9, next);
        this.owner = owner;
        this.helper = helper;
        this.methods = methods;
    }

    /**
     * The class file with every call of {@code owner}'s {@code methods} redirected to
     * {@code helper}, or null if it makes none.
     */
    static byte[] rewrite(byte[] classFile, String owner, String helper, Set<String> methods) {
        ClassReader reader = new ClassReader(classFile);
        // Built on the reader: its constant pool is kept, the helper's entries added at the end.
        ClassWriter writer = new ClassWriter(reader, 0);
        CallSiteVisitor visitor = new CallSiteVisitor(writer, owner, helper, methods);
        reader.accept(visitor, 0);
        return visitor.rewritten == 0 ? null : writer.toByteArray();
    }

    /** The static method's descriptor: the receiver first. */
    private String staticDescriptor(String desc) {
        return "(L" + owner + ";" + desc.substring(1);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, desc, signature, exceptions)) {
            @Override
            public void visitMethodInsn(int opcode, String insnOwner, String insnName, String insnDesc, boolean itf) {
                if (opcode == Opcodes.INVOKEVIRTUAL && insnOwner.equals(owner) && methods.contains(insnName + insnDesc)) {
                    rewritten++;
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, helper, insnName, staticDescriptor(insnDesc), false);
                } else {
                    super.visitMethodInsn(opcode, insnOwner, insnName, insnDesc, itf);
                }
            }

            @Override
            public void visitInvokeDynamicInsn(String indyName, String indyDesc, Handle bootstrap, Object... args) {
                // metafactory(caller, name, type, samType, implementation, instantiatedType): the
                // receiver of a virtual implementation becomes the static one's first parameter,
                // captured (raf::length) or not (RandomAccessFile::length) alike. altMetafactory
                // (serializable lambdas, whose form names the implementation) is left alone.
                if (bootstrap.getOwner().equals(METAFACTORY) && bootstrap.getName().equals("metafactory")
                        && args.length == 3 && args[1] instanceof Handle h && h.getTag() == Opcodes.H_INVOKEVIRTUAL
                        && h.getOwner().equals(owner) && methods.contains(h.getName() + h.getDesc())) {
                    rewritten++;
                    Object[] redirected = args.clone();
                    redirected[1] = new Handle(Opcodes.H_INVOKESTATIC, helper, h.getName(),
                            staticDescriptor(h.getDesc()), false);
                    super.visitInvokeDynamicInsn(indyName, indyDesc, bootstrap, redirected);
                } else {
                    super.visitInvokeDynamicInsn(indyName, indyDesc, bootstrap, args);
                }
            }
        };
    }
}
