package io.github.dynamodbstream.spring.mapping;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedWithParams;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.module.SimpleValueInstantiators;

/**
 * Calls the creator of a record (or a class with a {@code @JsonCreator} taking its properties) through one method
 * handle built once per class, instead of Jackson's {@code MethodHandle.invokeWithArguments}, which builds an
 * argument spreader on every call: a few hundred nanoseconds for each item mapped. Only Jackson's own instantiator
 * of a constructor or a static factory method is replaced; its exceptions are handled as Jackson handles them. A
 * creator whose handle cannot be made (not accessible to this class) is called by Jackson as before.
 */
final class DirectCreators extends SimpleValueInstantiators {

    private static final long serialVersionUID = 1L;

    /** Marks a creator that only Jackson can call. */
    private static final MethodHandle UNAVAILABLE = MethodHandles.constant(Object.class, null);

    /** The module that adds these instantiators to a mapper. */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule(DirectCreators.class.getName());
        module.setValueInstantiators(new DirectCreators());
        return module;
    }

    @Override
    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
            BeanDescription.Supplier beanDescRef, ValueInstantiator defaultInstantiator) {
        if (defaultInstantiator.getClass() == StdValueInstantiator.class
                && defaultInstantiator.canCreateFromObjectWith()
                && isConstructorOrStaticMethod(defaultInstantiator.getWithArgsCreator())) {
            return new Instantiator((StdValueInstantiator) defaultInstantiator);
        }
        return defaultInstantiator;
    }

    private static boolean isConstructorOrStaticMethod(AnnotatedWithParams creator) {
        return creator != null && (creator.getAnnotated() instanceof Constructor<?>
                || creator.getAnnotated() instanceof Method method && Modifier.isStatic(method.getModifiers()));
    }

    /** Jackson's instantiator, but for calling the creator with the properties. */
    private static final class Instantiator extends StdValueInstantiator {

        /** The creator as {@code (Object[])Object}, or {@link #UNAVAILABLE}; built on first use. */
        private volatile MethodHandle creator;

        Instantiator(StdValueInstantiator jacksons) {
            super(jacksons);
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
            MethodHandle handle = creator();
            if (handle == UNAVAILABLE) {
                return super.createFromObjectWith(ctxt, args);
            }
            try {
                return (Object) handle.invokeExact(args);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                Exception problem = e instanceof Exception exception ? exception : new IllegalStateException(e);
                return ctxt.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(ctxt, problem));
            }
        }

        private MethodHandle creator() {
            MethodHandle handle = creator;
            if (handle == null) {
                handle = spreading(getWithArgsCreator());
                creator = handle;
            }
            return handle;
        }

        private static MethodHandle spreading(AnnotatedWithParams withArgs) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                MethodHandle direct = withArgs.getAnnotated() instanceof Constructor<?> constructor
                        ? lookup.unreflectConstructor(constructor)
                        : lookup.unreflect((Method) withArgs.getAnnotated());
                return direct.asFixedArity().asSpreader(Object[].class, withArgs.getParameterCount())
                        .asType(MethodType.methodType(Object.class, Object[].class));
            } catch (IllegalAccessException | RuntimeException e) {
                return UNAVAILABLE;
            }
        }
    }

}
