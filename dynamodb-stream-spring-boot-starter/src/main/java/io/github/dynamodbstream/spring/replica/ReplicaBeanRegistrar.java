package io.github.dynamodbstream.spring.replica;

import io.github.dynamodbstream.core.replica.DynamoDbTableReplica;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import io.github.dynamodbstream.spring.StreamCoordination;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Registers a {@code DynamoDbTableReplica<T>} bean per replicated stream, named {@code <stream>TableReplica},
 * qualified by the stream's name and typed by its item type ({@code Map<String, Object>} without one), so that
 * {@code @Autowired DynamoDbTableReplica<Order>} finds the replica of the stream of {@code Order}s. The instances
 * come from {@link DynamoDbTableReplicas}. The definitions name a factory method rather than hold a supplier, so
 * that ahead-of-time processing can write them as code; like Spring's conditions, the environment decides which
 * streams have a replica bean when the application is processed ahead of time.
 */
final class ReplicaBeanRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanClassLoaderAware {

    static final String REPLICAS_BEAN_NAME = "dynamoDbTableReplicas";

    private static final ResolvableType MAP_TYPE =
            ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class);

    private Environment environment;
    private ClassLoader classLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        List<ReplicatedStream> replicated = ReplicatedStream.of(environment);
        refuseCompetingConsumers(replicated);
        for (ReplicatedStream stream : replicated) {
            RootBeanDefinition definition = new RootBeanDefinition();
            definition.setFactoryBeanName(REPLICAS_BEAN_NAME);
            definition.setFactoryMethodName("replicaBean");
            definition.getConstructorArgumentValues().addIndexedArgumentValue(0, stream.name());
            definition.setTargetType(replicaType(stream.itemTypeName()));
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, stream.name()));
            // The replicas are closed by DynamoDbTableReplicas, which owns them.
            definition.setDestroyMethodName("");
            registry.registerBeanDefinition(stream.name() + "TableReplica", definition);
        }
    }

    /**
     * A replica is a full copy of the table in each instance, fed by that instance reading every shard; with
     * competing consumers each instance sees only its own shards, so its replica would silently miss items.
     */
    private void refuseCompetingConsumers(List<ReplicatedStream> replicated) {
        StreamCoordination coordination = Binder.get(environment)
                .bind(DynamoDbStreamProperties.PREFIX + ".coordination", StreamCoordination.class)
                .orElse(StreamCoordination.NONE);
        if (coordination == StreamCoordination.KCL && !replicated.isEmpty()) {
            String keys = String.join(", ", replicated.stream().map(ReplicatedStream::enabledProperty).toList());
            throw new DynamoDbStreamConfigurationException("dynamodb.stream.coordination is kcl and a replica is "
                    + "enabled (" + keys + "), but with competing consumers each instance reads only some of the "
                    + "shards, so its replica would miss items.", "Keep replicas in broadcast mode "
                    + "(dynamodb.stream.coordination=none), or turn " + keys + " off.");
        }
    }

    /** {@code DynamoDbTableReplica<T>}; raw when the item type cannot be loaded (the start then fails, saying why). */
    private ResolvableType replicaType(String itemTypeName) {
        if (itemTypeName == null) {
            return ResolvableType.forClassWithGenerics(DynamoDbTableReplica.class, MAP_TYPE);
        }
        try {
            return ResolvableType.forClassWithGenerics(DynamoDbTableReplica.class,
                    ClassUtils.forName(itemTypeName, classLoader));
        } catch (ClassNotFoundException | LinkageError e) {
            return ResolvableType.forClass(DynamoDbTableReplica.class);
        }
    }
}
