# Build stage. Maven and the dependencies are downloaded in a layer of their own, which stays cached (also in a
# registry's layer cache, unlike a cache mount) as long as pom.xml and the wrapper do not change.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY db db
RUN ./mvnw -B -q package -DskipTests \
    && cp target/privacy-requests-*.jar app.jar \
    && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# Runtime stage: a JRE only, the jar's layers from least to most often changed, so a code change ships one small layer.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# A fixed UID, so Kubernetes' runAsNonRoot/runAsUser can verify it; the files stay root-owned and read-only to it.
USER 10001:10001
# 8080: the API; 8081: health probes and metrics (management.server.port).
EXPOSE 8080 8081
# Heap from the container's memory limit; leave an OOM-ed JVM to be restarted rather than limp on.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
