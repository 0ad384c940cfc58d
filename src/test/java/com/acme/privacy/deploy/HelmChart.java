package com.acme.privacy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.yaml.snakeyaml.Yaml;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** Renders helm/privacy-requests as {@code helm template} does and gives access to the rendered objects. */
final class HelmChart {

    static final Path CHART = Path.of("helm/privacy-requests");
    static final Path PRODUCTION_VALUES = Path.of("src/test/resources/helm/production-values.yaml");
    static final String FULLNAME = "privacy-privacy-requests";

    private HelmChart() {
    }

    /** Renders with the default values plus whatever {@code options} adds (values files, --set). */
    static Manifests template(UnaryOperator<TemplateCommand> options) {
        TemplateCommand command = new Helm(CHART).template().withName("privacy").withNamespace("compliance");
        String rendered = options.apply(command).call();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(rendered)) {
            if (document != null) {
                objects.add(cast(document));
            }
        }
        return new Manifests(objects);
    }

    static Manifests template() {
        return template(UnaryOperator.identity());
    }

    /** Follows map keys and list indexes, e.g. {@code at(deployment, "spec", "template", "spec")}. */
    static <T> T at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            assertThat(current).as("the parent of %s", step).isNotNull();
            current = step instanceof Integer index ? ((List<?>) current).get(index) : ((Map<?, ?>) current).get(step);
        }
        return cast(current);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    record Manifests(List<Map<String, Object>> objects) {

        List<Map<String, Object>> ofKind(String kind) {
            return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
        }

        Map<String, Object> named(String kind, String name) {
            List<Map<String, Object>> matches = ofKind(kind).stream()
                    .filter(object -> name.equals(at(object, "metadata", "name")))
                    .toList();
            assertThat(matches).as("%s %s", kind, name).hasSize(1);
            return matches.get(0);
        }

        List<String> kinds() {
            return objects.stream().map(object -> (String) object.get("kind")).sorted().toList();
        }

        Map<String, Object> deployment() {
            return named("Deployment", FULLNAME);
        }

        Map<String, Object> podSpec() {
            return at(deployment(), "spec", "template", "spec");
        }

        Map<String, Object> container() {
            List<Map<String, Object>> containers = at(podSpec(), "containers");
            assertThat(containers).hasSize(1);
            return containers.get(0);
        }

        /** The data of the ConfigMap the pods take their settings from. */
        Map<String, String> settings() {
            return at(named("ConfigMap", FULLNAME), "data");
        }

        /** The container's env vars that read a Secret: name to [Secret name, key]. */
        Map<String, List<String>> secretEnv() {
            Map<String, List<String>> references = new TreeMap<>();
            List<Map<String, Object>> env = at(container(), "env");
            for (Map<String, Object> entry : env == null ? List.<Map<String, Object>>of() : env) {
                Map<String, String> reference = at(entry, "valueFrom", "secretKeyRef");
                references.put((String) entry.get("name"), List.of(reference.get("name"), reference.get("key")));
            }
            return references;
        }
    }
}
