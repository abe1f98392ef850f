package io.metastore.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hypersistence.utils.hibernate.type.util.ObjectMapperSupplier;

/**
 * Hands Hypersistence the service's {@link Json#MAPPER}, so metadata read back from jsonb keeps exact decimals
 * instead of being rounded through double. Named in {@code hypersistence-utils.properties}.
 */
public class HypersistenceObjectMapper implements ObjectMapperSupplier {

    @Override
    public ObjectMapper get() {
        return Json.MAPPER;
    }
}
