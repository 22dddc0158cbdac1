package dev.syscalllens.agent.instrumentation;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One method with its {@link Advice} woven in, as ClassReader visits it (EXPAND_FRAMES).
 *
 * <pre>
 *   copy = argument k;                  // the arguments the exit reads, as they were on entry
 *   t0 = Woven.enter(KIND);
 *   [body; before each return: Woven.exit(KIND, t0, arg, result)]
 *   catch (Throwable e) { Woven.thrown(e, KIND, t0, arg, -1L); throw e; }   // last in the table
 * </pre>
 *
 * Our locals (t0, the copies) go past the method's max_locals, so every frame of the method
 * gains them (TOPs up to max_locals, then ours); the handler's frame holds only what it reads
 * ({@code this}, ours). Its ranges leave out the exit code before each return, so an error
 * there never reaches it; constructors take no handler (their frames before super() could not
 * share one). What can fail is in Woven's helpers, which catch it.
 */
final class AdvisedMethod extends MethodVisitor {
    private static final String OBJECT = "java/lang/Object";
    private static final String THROWABLE = "java/lang/Throwable";

    private final String helper;
    private final String owner;
    private final Advice advice;
    private final int kind;
    private final int maxLocals;
    private final boolean isStatic;
    private final Type[] params;
    private final Type returned;
    private final boolean frames;
    /** The descriptor of the field the advice reads, if it does. */
    private final String fieldDesc;
    private final boolean handler;
    private final boolean hasT0;
    /** The arguments copied on entry, by index, and the slots of their copies. */
    private final int[] copied;
    private final int[] copySlots;
    /** Our locals, as frames list them: t0, then the copies. */
    private final Object[] ours;
    /** Where the return value is kept while the exit code reads it. */
    private final int retSlot;
    /** Whether every frame has the receiver in slot 0 (the handler reads it). */
    private boolean thisInFrames = true;
    private final List<Label> ranges = new ArrayList<>();
    private Label rangeStart;

    AdvisedMethod(MethodVisitor mv, String helper, String owner, int access, String name, String desc,
                  Advice advice, int kind, int maxLocals, Weaver.Members members, boolean frames) {
        super(Opcodes.ASM9, mv);
        this.helper = helper;
        this.owner = owner;
        this.advice = advice;
        this.kind = kind;
        this.maxLocals = maxLocals;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.params = Type.getArgumentTypes(desc);
        this.returned = Type.getReturnType(desc);
        this.frames = frames;
        boolean constructor = name.equals("<init>");
        Advice.Shape shape = advice.shape;
        if (constructor && shape != Advice.Shape.NOTE && shape != Advice.Shape.MOUNT) {
            throw refuse(name + desc, "only exit advice fits a constructor");
        }
        this.handler = shape == Advice.Shape.CALL || shape == Advice.Shape.POLL_WAIT || shape == Advice.Shape.POLLED;
        this.hasT0 = shape == Advice.Shape.CALL || shape == Advice.Shape.POLLED;
        String field = null;
        int[] copy = new int[0];
        if (shape == Advice.Shape.CALL) {
            field = advice.arg.field != null ? advice.arg.field : advice.result == Advice.Result.VAL_PID ? "val$pid" : null;
            int a = advice.arg.param;
            int r = advice.result.param;
            copy = a < 0 && r < 0 ? new int[0] : a < 0 ? new int[] {r} : r < 0 || r == a ? new int[] {a} : new int[] {a, r};
        } else if (shape == Advice.Shape.POLLED) {
            copy = new int[] {0};
        }
        this.copied = copy;
        this.fieldDesc = field == null ? null : members.field(field);
        check(name + desc, field);
        this.copySlots = new int[copy.length];
        List<Object> types = new ArrayList<>();
        int slot = maxLocals;
        if (hasT0) {
            types.add(Opcodes.LONG);
            slot += 2;
        }
        for (int i = 0; i < copy.length; i++) {
            copySlots[i] = slot;
            slot += params[copy[i]].getSize();
            types.add(Weaver.frameType(params[copy[i]]));
        }
        this.ours = types.toArray();
        this.retSlot = slot;
    }

    private static IllegalArgumentException refuse(String method, String why) {
        return new IllegalArgumentException("cannot weave " + method + ": " + why);
    }

    /** What Byte Buddy refused to bind, refused here too: the class is then left as it is. */
    private void check(String method, String field) {
        Advice.Shape shape = advice.shape;
        boolean needsThis = shape == Advice.Shape.NOTE || shape == Advice.Shape.UNPARK
                || shape == Advice.Shape.CALL && (advice.arg == Advice.Arg.THIS || field != null);
        if (needsThis && isStatic) {
            throw refuse(method, "static, and the advice reads the receiver");
        }
        if (field != null && fieldDesc == null) {
            throw refuse(method, "no field " + field);
        }
        if (field != null && field.equals("val$pid") && !fieldDesc.equals("J")) {
            throw refuse(method, "field " + field + " is not a long");
        }
        if (field != null && advice.arg.field != null && !isReference(Type.getType(fieldDesc))) {
            throw refuse(method, "field " + field + " is not an object");
        }
        if (shape == Advice.Shape.POLL_WAIT || shape == Advice.Shape.POLLED) {
            requireParam(method, 0, "I");
        }
        if (shape != Advice.Shape.CALL) {
            return;
        }
        if (advice.arg.param >= 0) {
            requireParam(method, advice.arg.param, null);
        }
        switch (advice.result) {
            case RETURN_INT -> requireReturn(method, "I");
            case RETURN_LONG -> requireReturn(method, "J");
            case RETURN_LENGTH -> requireReturn(method, "[B");
            case RETURN_PID -> requireReturn(method, "Ljava/lang/Process;");
            case ARG0_LENGTH -> requireParam(method, 0, "[B");
            case ARG2_INT -> requireParam(method, 2, "I");
            case ARG1_LENGTH_IF_BYTES -> requireParam(method, 1, null);
            default -> {
            }
        }
    }

    /** Argument {@code k} is there, of type {@code desc} (null: any object). */
    private void requireParam(String method, int k, String desc) {
        if (k >= params.length || (desc == null ? !isReference(params[k]) : !params[k].getDescriptor().equals(desc))) {
            throw refuse(method, "argument " + k + " is not " + (desc == null ? "an object" : desc));
        }
    }

    private void requireReturn(String method, String desc) {
        if (!returned.getDescriptor().equals(desc)) {
            throw refuse(method, "it does not return " + desc);
        }
    }

    private static boolean isReference(Type t) {
        return t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY;
    }

    /** The slot of argument {@code k}. */
    private int paramSlot(int k) {
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < k; i++) {
            slot += params[i].getSize();
        }
        return slot;
    }

    private int copySlot(int k) {
        for (int i = 0; i < copied.length; i++) {
            if (copied[i] == k) {
                return copySlots[i];
            }
        }
        throw new IllegalStateException("argument " + k + " not copied");
    }

    private void call(String name, String desc) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, helper, name, desc, false);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        for (int i = 0; i < copied.length; i++) {
            Type t = params[copied[i]];
            super.visitVarInsn(t.getOpcode(Opcodes.ILOAD), paramSlot(copied[i]));
            super.visitVarInsn(t.getOpcode(Opcodes.ISTORE), copySlots[i]);
        }
        switch (advice.shape) {
            case CALL -> {
                Weaver.pushInt(mv, kind);
                call("enter", "(I)J");
                super.visitVarInsn(Opcodes.LSTORE, maxLocals);
            }
            case POLLED -> {
                call("waking", "()J");
                super.visitVarInsn(Opcodes.LSTORE, maxLocals);
            }
            case UNMOUNT -> call("unmounting", "()V");
            case POLL_WAIT -> {
                super.visitVarInsn(Opcodes.ILOAD, paramSlot(0));
                call("waitingFor", "(I)V");
            }
            case UNPARK -> {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                call("unparking", "(L" + OBJECT + ";)V");
            }
            default -> {
            }
        }
        if (handler) {
            rangeStart = new Label();
            super.visitLabel(rangeStart);
        }
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        if (type != Opcodes.F_NEW) {
            throw new IllegalStateException("frames not expanded");
        }
        if (numLocal == 0 || !owner.equals(local[0])) {
            thisInFrames = false;
        }
        if (ours.length == 0) {
            super.visitFrame(type, numLocal, local, numStack, stack);
            return;
        }
        Object[] locals = withOurs(local, numLocal);
        super.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
    }

    /** The frame's locals, TOPs up to max_locals, then ours. */
    private Object[] withOurs(Object[] local, int numLocal) {
        List<Object> out = new ArrayList<>(Arrays.asList(local).subList(0, numLocal));
        int slots = 0;
        for (Object o : out) {
            slots += o == Opcodes.LONG || o == Opcodes.DOUBLE ? 2 : 1;
        }
        for (; slots < maxLocals; slots++) {
            out.add(Opcodes.TOP);
        }
        out.addAll(Arrays.asList(ours));
        return out.toArray();
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode < Opcodes.IRETURN || opcode > Opcodes.RETURN) {
            super.visitInsn(opcode);
            return;
        }
        if (handler) {
            Label end = new Label();
            super.visitLabel(end);
            ranges.add(rangeStart);
            ranges.add(end);
        }
        onReturn();
        super.visitInsn(opcode);
        if (handler) {
            rangeStart = new Label();
            super.visitLabel(rangeStart);
        }
    }

    /** The exit code before a return, the value returned on the stack. */
    private void onReturn() {
        switch (advice.shape) {
            case CALL -> {
                boolean readsReturn = advice.arg == Advice.Arg.RETURN || advice.result.fromReturn();
                if (readsReturn && returned.getSort() != Type.VOID) {
                    super.visitInsn(returned.getSize() == 2 ? Opcodes.DUP2 : Opcodes.DUP);
                    super.visitVarInsn(returned.getOpcode(Opcodes.ISTORE), retSlot);
                }
                Weaver.pushInt(mv, kind);
                super.visitVarInsn(Opcodes.LLOAD, maxLocals);
                pushArg(false);
                pushResult(false);
                call("exit", "(IJL" + OBJECT + ";J)V");
            }
            case MOUNT -> call("mounted", "()V");
            case NOTE -> {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                call("note", "(L" + OBJECT + ";)V");
            }
            case POLL_WAIT -> call("waited", "()V");
            case POLLED -> {
                super.visitVarInsn(Opcodes.LLOAD, maxLocals);
                super.visitVarInsn(Opcodes.ILOAD, copySlot(0));
                call("woke", "(JI)V");
            }
            default -> {
            }
        }
    }

    /** The call's argument, as an Object. */
    private void pushArg(boolean thrown) {
        Advice.Arg arg = advice.arg;
        if (arg == Advice.Arg.THIS) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        } else if (arg.field != null) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitFieldInsn(Opcodes.GETFIELD, owner, arg.field, fieldDesc);
        } else if (arg.param >= 0) {
            super.visitVarInsn(Opcodes.ALOAD, copySlot(arg.param));
        } else if (arg == Advice.Arg.RETURN && !thrown && returned.getSort() != Type.VOID) {
            super.visitVarInsn(returned.getOpcode(Opcodes.ILOAD), retSlot);
            box(returned);
        } else {
            super.visitInsn(Opcodes.ACONST_NULL);
        }
    }

    /** The call's result, as a long. */
    private void pushResult(boolean thrown) {
        Advice.Result result = advice.result;
        if (thrown && result != Advice.Result.VAL_PID) {
            super.visitLdcInsn(-1L);
            return;
        }
        switch (result) {
            case ONE -> super.visitInsn(Opcodes.LCONST_1);
            case RETURN_INT -> {
                super.visitVarInsn(Opcodes.ILOAD, retSlot);
                super.visitInsn(Opcodes.I2L);
            }
            case RETURN_LONG -> super.visitVarInsn(Opcodes.LLOAD, retSlot);
            case RETURN_LENGTH -> {
                super.visitVarInsn(Opcodes.ALOAD, retSlot);
                call("length", "([B)J");
            }
            case RETURN_IF_LONG -> {
                if (returned.getSort() == Type.LONG) {
                    super.visitVarInsn(Opcodes.LLOAD, retSlot);
                } else if (isReference(returned)) {
                    super.visitVarInsn(Opcodes.ALOAD, retSlot);
                    call("ifLong", "(L" + OBJECT + ";)J");
                } else {
                    super.visitLdcInsn(-1L);
                }
            }
            case RETURN_PID -> {
                super.visitVarInsn(Opcodes.ALOAD, retSlot);
                call("pid", "(L" + OBJECT + ";)J");
            }
            case ARG0_LENGTH -> {
                super.visitVarInsn(Opcodes.ALOAD, copySlot(0));
                call("length", "([B)J");
            }
            case ARG2_INT -> {
                super.visitVarInsn(Opcodes.ILOAD, copySlot(2));
                super.visitInsn(Opcodes.I2L);
            }
            case ARG1_LENGTH_IF_BYTES -> {
                super.visitVarInsn(Opcodes.ALOAD, copySlot(1));
                call("lengthIfBytes", "(L" + OBJECT + ";)J");
            }
            case VAL_PID -> {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitFieldInsn(Opcodes.GETFIELD, owner, "val$pid", "J");
            }
            default -> super.visitLdcInsn(-1L);
        }
    }

    /** Boxes a primitive on the stack, as Byte Buddy's dynamic typing did. */
    private void box(Type t) {
        String box = switch (t.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.CHAR -> "java/lang/Character";
            case Type.BYTE -> "java/lang/Byte";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> null;
        };
        if (box != null) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, box, "valueOf", "(" + t.getDescriptor() + ")L" + box + ";", false);
        }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocalsIgnored) {
        if (handler) {
            Label end = new Label();
            super.visitLabel(end);
            ranges.add(rangeStart);
            ranges.add(end);
            Label catchAll = new Label();
            super.visitLabel(catchAll);
            if (frames) {
                Object[] locals = handlerLocals();
                super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {THROWABLE});
            }
            onThrow();
            // After the method's own handlers (ClassReader visited them first): the JVM takes the
            // first that fits, and ours must only see what they let through.
            for (int i = 0; i < ranges.size(); i += 2) {
                Label from = ranges.get(i);
                Label to = ranges.get(i + 1);
                if (from.getOffset() < to.getOffset()) {
                    super.visitTryCatchBlock(from, to, catchAll, THROWABLE);
                }
            }
        }
        super.visitMaxs(maxStack, maxLocalsIgnored);
    }

    /** The handler's locals: the receiver if it reads it, TOPs, then ours. */
    private Object[] handlerLocals() {
        Advice.Arg arg = advice.arg;
        boolean readsThis = advice.shape == Advice.Shape.CALL
                && (arg == Advice.Arg.THIS || arg.field != null || advice.result == Advice.Result.VAL_PID);
        if (readsThis && !thisInFrames) {
            throw new IllegalStateException("a frame has no receiver in slot 0");
        }
        Object[] locals = new Object[maxLocals + ours.length];
        Arrays.fill(locals, 0, maxLocals, Opcodes.TOP);
        if (readsThis) {
            locals[0] = owner;
        }
        System.arraycopy(ours, 0, locals, maxLocals, ours.length);
        return locals;
    }

    /** The handler's code, the throwable on the stack: tell, and rethrow it unchanged. */
    private void onThrow() {
        switch (advice.shape) {
            case CALL -> {
                super.visitInsn(Opcodes.DUP);
                Weaver.pushInt(mv, kind);
                super.visitVarInsn(Opcodes.LLOAD, maxLocals);
                pushArg(true);
                pushResult(true);
                call("thrown", "(L" + THROWABLE + ";IJL" + OBJECT + ";J)V");
            }
            case POLL_WAIT -> call("waited", "()V");
            case POLLED -> {
                super.visitVarInsn(Opcodes.LLOAD, maxLocals);
                super.visitVarInsn(Opcodes.ILOAD, copySlot(0));
                call("woke", "(JI)V");
            }
            default -> throw new IllegalStateException(advice + " takes no handler");
        }
        super.visitInsn(Opcodes.ATHROW);
    }
}
