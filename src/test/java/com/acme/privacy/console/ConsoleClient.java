package com.acme.privacy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.htmlunit.BrowserVersion;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.htmlunit.util.WebConnectionWrapper;

/**
 * A person at the console, through HtmlUnit over real HTTP, with JavaScript off (the console has none and must work
 * without). Every response it receives is kept, so that a test can check what any page ever showed.
 */
final class ConsoleClient implements AutoCloseable {

    /** What the service sent back: the address, status, headers and body of each response. */
    record Seen(String url, int status, WebResponse response, String body) {
    }

    private final String base;
    private final WebClient client = new WebClient(BrowserVersion.CHROME);
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /** {@code localhost}, not 127.0.0.1: a browser sends the Secure session cookie over plain HTTP only to localhost. */
    ConsoleClient(int port) {
        this.base = "http://localhost:" + port;
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        new WebConnectionWrapper(client) {
            @Override
            public WebResponse getResponse(WebRequest request) throws IOException {
                WebResponse response = super.getResponse(request);
                seen.add(new Seen(request.getUrl().toString(), response.getStatusCode(), response, response.getContentAsString()));
                return response;
            }
        };
    }

    HtmlPage open(String path) {
        return (HtmlPage) get(path);
    }

    Page get(String path) {
        try {
            return client.getPage(base + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request as a script or another site would send it: no form, so no CSRF token unless given. */
    Page send(HttpMethod method, String path, List<NameValuePair> parameters) {
        try {
            WebRequest request = new WebRequest(URI.create(base + path).toURL(), method);
            request.setRequestParameters(parameters);
            return client.getPage(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HtmlPage signIn(String user, String password) {
        HtmlPage signIn = open("/console/sign-in");
        HtmlForm form = form(signIn, "/console/sign-in");
        form.<HtmlInput>getInputByName("username").setValue(user);
        form.<HtmlInput>getInputByName("password").setValue(password);
        return submit(form);
    }

    void setRedirects(boolean follow) {
        client.getOptions().setRedirectEnabled(follow);
    }

    WebClient webClient() {
        return client;
    }


    /** No response, header or address it received held any of {@code identifiers}: plain, URL-encoded or without its first character. */
    void assertNeverShowed(List<String> identifiers) {
        assertThat(seen).isNotEmpty();
        for (Seen response : seen) {
            String everything = (response.url() + "\n" + response.response().getResponseHeaders() + "\n" + response.body())
                    .toLowerCase(Locale.ROOT);
            for (String identifier : identifiers) {
                for (String form : List.of(identifier, URLEncoder.encode(identifier, StandardCharsets.UTF_8), identifier.substring(1))) {
                    assertThat(everything).as("%s shows an identifier", response.url()).doesNotContain(form.toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    static HtmlForm form(HtmlPage page, String actionEndingWith) {
        return page.getForms().stream().filter(form -> form.getActionAttribute().endsWith(actionEndingWith)).findFirst()
                .orElseThrow(() -> new AssertionError("No form posting to " + actionEndingWith + " on " + page.getUrl()));
    }

    static HtmlPage submit(HtmlForm form) {
        try {
            HtmlElement button = form.getFirstByXPath(".//button[@type='submit']");
            return button.click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HtmlPage follow(HtmlPage page, String linkText) {
        try {
            return page.getAnchorByText(linkText).click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    @Override
    public void close() {
        client.close();
    }
}
