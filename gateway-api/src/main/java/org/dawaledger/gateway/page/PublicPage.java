package org.dawaledger.gateway.page;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.dawaledger.gateway.verify.AnonymousRateLimit;
import org.dawaledger.gateway.verify.DigitalLinkResource;
import org.dawaledger.gateway.verify.Verifier;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.ledger.RefusedException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The public verification page, for anyone holding a pack: at {@code /}, and at the GS1 Digital Link paths when a
 * browser asks for them. Server-rendered and small, for a cheap phone on a slow connection; the camera scan is the
 * one script, and the page works without it.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PublicPage {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance verify(Language language, PublicText text, String code,
                VerificationView result, String codeError, String photoError, String back);
    }

    private final Verifier verifier;
    private final AnonymousRateLimit limit;
    private final PhotoScans photos;

    PublicPage(final Verifier verifier, final AnonymousRateLimit limit, final PhotoScans photos) {
        this.verifier = verifier;
        this.limit = limit;
        this.photos = photos;
    }

    @GET
    public TemplateInstance home(@CookieParam(Language.COOKIE) final String cookie,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) final String acceptLanguage) {
        final Language language = Language.of(cookie, acceptLanguage);
        return Templates.verify(language, language.text(), "", null, null, null, HOME);
    }

    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance check(@CookieParam(Language.COOKIE) final String cookie,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) final String acceptLanguage, @FormParam("code") final String code,
            @Context final HttpServerRequest http) {
        final Language language = Language.of(cookie, acceptLanguage);
        return answer(language, code == null ? "" : code.strip(), http,
                () -> Verifier.fields(code, null, null, null, null), HOME);
    }

    @POST
    @Path("check/photo")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public TemplateInstance photo(@CookieParam(Language.COOKIE) final String cookie,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) final String acceptLanguage,
            @RestForm("photo") final FileUpload photo, @Context final HttpServerRequest http) {
        final Language language = Language.of(cookie, acceptLanguage);
        final String code;
        try {
            code = photos.read(photo);
        } catch (PhotoScans.NoCodeException e) {
            return Templates.verify(language, language.text(), "", VerificationView.refused(
                    language.text().unreadableHeadline(), language.text().unreadablePhotoAdvice()), null,
                    e.getMessage(), HOME);
        }
        return answer(language, code, http, () -> Verifier.fields(code, null, null, null, null), HOME);
    }

    @GET
    @Path("01/{keys: .+}")
    public TemplateInstance digitalLink(@PathParam("keys") final String keys,
            @CookieParam(Language.COOKIE) final String cookie,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) final String acceptLanguage, @Context final UriInfo uri,
            @Context final HttpServerRequest http) {
        final Language language = Language.of(cookie, acceptLanguage);
        final URI link = uri.getRequestUri();
        final String path = link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
        return answer(language, link.toString(), http, () -> DigitalLinkResource.fieldsOf(link),
                URLEncoder.encode(path, StandardCharsets.UTF_8));
    }

    @GET
    @Path("language/{tag}")
    public Response language(@PathParam("tag") final String tag, @QueryParam("back") final String back) {
        final Language language = Language.ofTag(tag);
        final Response.ResponseBuilder redirect = Response.seeOther(URI.create(safeBack(back)));
        if (language == null) {
            return redirect.build();
        }
        return redirect.cookie(new NewCookie.Builder(Language.COOKIE).value(language.tag()).path("/")
                .maxAge(365 * 24 * 3600).sameSite(NewCookie.SameSite.LAX).build()).build();
    }

    /** The home page, as the language switch's way back. */
    private static final String HOME = "/";

    /** Fields of a scan, parsed: a malformed scan throws. */
    private interface Fields {
        String[] get();
    }

    /**
     * The page's answer to a code.
     *
     * @param back where the language switch returns, URL-encoded: the Digital Link itself, so that its answer is read
     *     again in the other language, or the home page after a form's answer
     */
    private TemplateInstance answer(final Language language, final String code, final HttpServerRequest http,
            final Fields fields, final String back) {
        final PublicText text = language.text();
        if (limit.secondsToWait(http.remoteAddress().hostAddress()) > 0) {
            return Templates.verify(language, text, code, VerificationView.refused(text.rateLimitedHeadline(),
                    text.rateLimitedAdvice()), null, null, back);
        }
        try {
            final JsonNode answer = verifier.verify(fields.get());
            return Templates.verify(language, text, code, VerificationView.of(answer, text), null, null, back);
        } catch (Gs1FormatException | RefusedException | org.dawaledger.gateway.verify.UnjudgeableRequest e) {
            return Templates.verify(language, text, code, VerificationView.refused(text.unreadableHeadline(),
                    text.unreadableAdvice()), e.getMessage(), null, back);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Only a path on this site: a switch link must not send visitors elsewhere. */
    static String safeBack(final String back) {
        return back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") ? back : "/";
    }
}
