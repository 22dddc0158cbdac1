package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.bootstrap.Recorder;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.util.Arrays;
import java.util.Map;

/**
 * Rewrites a class so that each named native instance method becomes a Java method with the
 * same name and modifiers that records the call and calls the native, renamed to
 * {@code PREFIX + name}, private and final:
 *
 * <pre>
 *   public long length() throws IOException {
 *       long t0 = Recorder.enter(KIND);                                  // errors: t0 = 0
 *       try {
 *           long r = this.PREFIX_length();
 *           Recorder.exit(KIND, t0, this.path, -1L, null);               // errors ignored
 *           return r;
 *       } catch (Throwable t) {
 *           Recorder.exit(KIND, t0, this.path, -1L, t);                  // errors ignored
 *           throw t;
 *       }
 *   }
 * </pre>
 *
 * That is what {@link Advices.Path} records, with its {@code suppress = Throwable.class}. The
 * frames are written by hand: ASM could compute them only for the whole class, loading classes
 * to merge types in the JDK's own methods, which are copied here untouched.
 */
final class NativeWrapperVisitor extends ClassVisitor {
    private static final String RECORDER = Type.getInternalName(Recorder.class);
    private static final String THROWABLE = "java/lang/Throwable";
    /**
     * The JVM drops a {@code @Hidden} method's frames from stack traces (for classes of the boot
     * and platform loaders only), so an exception from the native shows no frame of ours.
     */
    private static final String HIDDEN = "Ljdk/internal/vm/annotation/Hidden;";

    private final String prefix;
    /** name + descriptor of each method to wrap, to its call kind id. */
    private final Map<String, Integer> kinds;
    private String owner;
    private int wrapped;

    private NativeWrapperVisitor(ClassVisitor next, String prefix, Map<String, Integer> kinds) {
        super(Opcodes.ASM9, next);
        this.prefix = prefix;
        this.kinds = kinds;
    }

    /** The class file with every method in {@code kinds} wrapped, or null if one was not there. */
    static byte[] rewrite(byte[] classFile, String prefix, Map<String, Integer> kinds) {
        ClassReader reader = new ClassReader(classFile);
        // Built on the reader: the methods we leave alone are copied byte for byte.
        ClassWriter writer = new ClassWriter(reader, 0);
        NativeWrapperVisitor visitor = new NativeWrapperVisitor(writer, prefix, kinds);
        reader.accept(visitor, 0);
        return visitor.wrapped == kinds.size() ? writer.toByteArray() : null;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        owner = name;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        Integer kind = kinds.get(name + desc);
        if (kind == null || (access & Opcodes.ACC_NATIVE) == 0 || (access & Opcodes.ACC_STATIC) != 0) {
            return super.visitMethod(access, name, desc, signature, exceptions);
        }
        wrapped++;
        writeWrapper(access & ~Opcodes.ACC_NATIVE, name, desc, signature, exceptions, kind);
        // HotSpot lets a retransformation add a method only if it is private and final (or static).
        MethodVisitor renamed = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL | Opcodes.ACC_NATIVE
                | Opcodes.ACC_SYNTHETIC, prefix + name, desc, signature, exceptions);
        renamed.visitAnnotation(HIDDEN, true).visitEnd();
        // Not the writer itself: handed a writer, the reader would copy the original's attributes
        // over it byte for byte, dropping @Hidden. It adds the original's annotations, if any.
        return new MethodVisitor(Opcodes.ASM9, renamed) {
        };
    }

    private void writeWrapper(int access, String name, String desc, String signature, String[] exceptions, int kind) {
        MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
        Type[] args = Type.getArgumentTypes(desc);
        Type ret = Type.getReturnType(desc);
        int t0 = 1;
        Object[] params = new Object[args.length + 1];
        params[0] = owner;
        for (int i = 0; i < args.length; i++) {
            params[i + 1] = frameType(args[i]);
            t0 += args[i].getSize();
        }
        // The result (normal exit) and the exception (abrupt exit) share the slot after t0.
        int slot = t0 + 2;
        Object[] withT0 = append(params, Opcodes.LONG);
        Object[] withResult = ret.getSort() == Type.VOID ? withT0 : append(withT0, frameType(ret));
        Object[] withThrown = append(withT0, THROWABLE);
        Object[] caught = {THROWABLE};

        Label enter = new Label();
        Label entered = new Label();
        Label enterFailed = new Label();
        Label call = new Label();
        Label returned = new Label();
        Label exited = new Label();
        Label exitFailed = new Label();
        Label done = new Label();
        Label threw = new Label();
        Label exitThrown = new Label();
        Label exitedThrown = new Label();
        Label exitThrownFailed = new Label();
        Label rethrow = new Label();
        mv.visitTryCatchBlock(enter, entered, enterFailed, THROWABLE);
        mv.visitTryCatchBlock(call, returned, threw, THROWABLE);
        mv.visitTryCatchBlock(returned, exited, exitFailed, THROWABLE);
        mv.visitTryCatchBlock(exitThrown, exitedThrown, exitThrownFailed, THROWABLE);
        mv.visitCode();

        mv.visitLabel(enter);
        mv.visitLdcInsn(kind);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "enter", "(I)J", false);
        mv.visitVarInsn(Opcodes.LSTORE, t0);
        mv.visitLabel(entered);
        mv.visitJumpInsn(Opcodes.GOTO, call);
        mv.visitLabel(enterFailed);
        mv.visitFrame(Opcodes.F_NEW, params.length, params, 1, caught);
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.LCONST_0); // Recorder.NOT_RECORDED
        mv.visitVarInsn(Opcodes.LSTORE, t0);

        mv.visitLabel(call);
        mv.visitFrame(Opcodes.F_NEW, withT0.length, withT0, 0, null);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        for (int i = 0, s = 1; i < args.length; s += args[i].getSize(), i++) {
            mv.visitVarInsn(args[i].getOpcode(Opcodes.ILOAD), s);
        }
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, prefix + name, desc, false);
        if (ret.getSort() != Type.VOID) {
            mv.visitVarInsn(ret.getOpcode(Opcodes.ISTORE), slot);
        }
        mv.visitLabel(returned);
        exit(mv, kind, t0, -1);
        mv.visitLabel(exited);
        mv.visitJumpInsn(Opcodes.GOTO, done);
        mv.visitLabel(exitFailed);
        mv.visitFrame(Opcodes.F_NEW, withResult.length, withResult, 1, caught);
        mv.visitInsn(Opcodes.POP);
        mv.visitLabel(done);
        mv.visitFrame(Opcodes.F_NEW, withResult.length, withResult, 0, null);
        if (ret.getSort() != Type.VOID) {
            mv.visitVarInsn(ret.getOpcode(Opcodes.ILOAD), slot);
        }
        mv.visitInsn(ret.getOpcode(Opcodes.IRETURN));

        mv.visitLabel(threw);
        mv.visitFrame(Opcodes.F_NEW, withT0.length, withT0, 1, caught);
        mv.visitVarInsn(Opcodes.ASTORE, slot);
        mv.visitLabel(exitThrown);
        exit(mv, kind, t0, slot);
        mv.visitLabel(exitedThrown);
        mv.visitJumpInsn(Opcodes.GOTO, rethrow);
        mv.visitLabel(exitThrownFailed);
        mv.visitFrame(Opcodes.F_NEW, withThrown.length, withThrown, 1, caught);
        mv.visitInsn(Opcodes.POP);
        mv.visitLabel(rethrow);
        mv.visitFrame(Opcodes.F_NEW, withThrown.length, withThrown, 0, null);
        mv.visitVarInsn(Opcodes.ALOAD, slot);
        mv.visitInsn(Opcodes.ATHROW);

        // Recorder.exit's arguments take 7 stack slots; the native call takes t0 (this + args).
        mv.visitMaxs(Math.max(7, t0), slot + Math.max(1, ret.getSize()));
        mv.visitEnd();
    }

    /** {@code Recorder.exit(kind, t0, this.path, -1L, thrown)}; thrown is null without a slot. */
    private void exit(MethodVisitor mv, int kind, int t0, int thrownSlot) {
        mv.visitLdcInsn(kind);
        mv.visitVarInsn(Opcodes.LLOAD, t0);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, owner, "path", "Ljava/lang/String;");
        mv.visitLdcInsn(-1L);
        if (thrownSlot < 0) {
            mv.visitInsn(Opcodes.ACONST_NULL);
        } else {
            mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "exit", "(IJLjava/lang/Object;JLjava/lang/Throwable;)V", false);
    }

    /** A local's type as a stack map frame names it. */
    private static Object frameType(Type t) {
        return switch (t.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
            case Type.FLOAT -> Opcodes.FLOAT;
            case Type.LONG -> Opcodes.LONG;
            case Type.DOUBLE -> Opcodes.DOUBLE;
            default -> t.getInternalName();
        };
    }

    private static Object[] append(Object[] a, Object x) {
        Object[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = x;
        return b;
    }
}
