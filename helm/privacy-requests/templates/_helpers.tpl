{{- define "privacy-requests.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "privacy-requests.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "privacy-requests.selectorLabels" -}}
app.kubernetes.io/name: {{ include "privacy-requests.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "privacy-requests.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "privacy-requests.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "privacy-requests.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "privacy-requests.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Every secret environment variable the pods get, as YAML {entries: [{env, secret, key, own, value}]}. One list feeds both
the Deployment's env and the chart's Secret, so the two cannot drift apart. A group with an existingSecret points at
that Secret; otherwise each value set in the values lands in the chart's Secret, and an empty value is
left out, so the service reports what is missing at startup instead of reading an empty string.
*/}}
{{- define "privacy-requests.secretEnv" -}}
{{- $chartSecret := include "privacy-requests.fullname" . }}
{{- $entries := list }}
{{- with .Values.database }}
{{- $entries = append $entries (dict "group" . "env" "DATABASE_PASSWORD" "key" .secretKeys.password "value" .password) }}
{{- end }}
{{- with .Values.pii }}
{{- range .keyIds }}
{{- $entries = append $entries (dict "group" $.Values.pii "env" (printf "PRIVACY_PII_ENCRYPTIONKEYS_%s" (upper .)) "key" (printf "%s%s" $.Values.pii.secretKeys.encryptionKeyPrefix .) "value" (get $.Values.pii.encryptionKeys .)) }}
{{- end }}
{{- $entries = append $entries (dict "group" . "env" "PRIVACY_PII_HASH_KEY" "key" .secretKeys.hashKey "value" .hashKey) }}
{{- end }}
{{- with .Values.evidence }}
{{- range .keyIds }}
{{- $entries = append $entries (dict "group" $.Values.evidence "env" (printf "PRIVACY_EVIDENCE_SIGNINGKEYS_%s" (upper .)) "key" (printf "%s%s" $.Values.evidence.secretKeys.signingKeyPrefix .) "value" (get $.Values.evidence.signingKeys .)) }}
{{- end }}
{{- end }}
{{- with .Values.gong }}
{{- if eq .auth "basic" }}
{{- $entries = append $entries (dict "group" . "env" "PRIVACY_GONG_ACCESS_KEY" "key" .secretKeys.accessKey "value" .accessKey) }}
{{- $entries = append $entries (dict "group" . "env" "PRIVACY_GONG_ACCESS_KEY_SECRET" "key" .secretKeys.accessKeySecret "value" .accessKeySecret) }}
{{- else }}
{{- $entries = append $entries (dict "group" . "env" "PRIVACY_GONG_BEARER_TOKEN" "key" .secretKeys.bearerToken "value" .bearerToken) }}
{{- end }}
{{- end }}
{{- with .Values.apiKeys }}
{{- range $i, $client := .clients }}
{{- if not (or $.Values.apiKeys.existingSecret $client.sha256) }}
{{- fail (printf "apiKeys.clients[%d] (%s) needs a sha256, or set apiKeys.existingSecret" $i $client.client) }}
{{- end }}
{{- $entries = append $entries (dict "group" $.Values.apiKeys "env" (printf "PRIVACY_SECURITY_APIKEYS_%d_SHA256" $i) "key" (printf "%s%s" $.Values.apiKeys.secretKeys.sha256Prefix $client.client) "value" ($client.sha256 | default "")) }}
{{- end }}
{{- end }}
{{- with .Values.callbacks }}
{{- range $i, $portal := .portals }}
{{- if not (or $.Values.callbacks.existingSecret $portal.secret) }}
{{- fail (printf "callbacks.portals[%d] (%s) needs a secret, or set callbacks.existingSecret" $i $portal.source) }}
{{- end }}
{{- $entries = append $entries (dict "group" $.Values.callbacks "env" (printf "PRIVACY_CALLBACKS_PORTALS_%d_SECRET" $i) "key" (printf "%s%s" $.Values.callbacks.secretKeys.secretPrefix ($portal.source | replace ":" "-")) "value" ($portal.secret | default "")) }}
{{- end }}
{{- end }}
{{- with .Values.console.sso }}
{{- if .issuerUri }}
{{- $entries = append $entries (dict "group" . "env" "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SSO_CLIENTSECRET" "key" .secretKeys.clientSecret "value" .clientSecret) }}
{{- end }}
{{- end }}
{{- $wired := list }}
{{- range $entries }}
{{- if .group.existingSecret }}
{{- $wired = append $wired (dict "env" .env "secret" .group.existingSecret "key" .key "own" false) }}
{{- else if .value }}
{{- $wired = append $wired (dict "env" .env "secret" $chartSecret "key" .key "value" .value "own" true) }}
{{- end }}
{{- end }}
{{- toYaml (dict "entries" $wired) }}
{{- end }}

{{/*
One egress rule: TCP to the given port, at the given CIDRs, or at any address when there are none.
*/}}
{{- define "privacy-requests.egressRule" -}}
- ports:
    - port: {{ .port }}
      protocol: TCP
  {{- with .cidrs }}
  to:
    {{- range . }}
    - ipBlock:
        cidr: {{ . | quote }}
    {{- end }}
  {{- end }}
{{- end }}
