package org.dawaledger.gateway.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;

/**
 * Signing in to the staff pages with the participant's bearer token (issued by {@code token.sh}, as for the API), and
 * out again.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class StaffPages {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(Staff staff, String error);

        /** What a participant sees on a page its role may not use. */
        static native TemplateInstance refused(Staff staff, String forRole);
    }

    private final StaffSessions sessions;

    StaffPages(final StaffSessions sessions) {
        this.sessions = sessions;
    }

    @GET
    @Path("sign-in")
    public Object signInPage(@CookieParam(StaffSessions.COOKIE) final String cookie) {
        final Optional<Staff> staff = sessions.of(cookie);
        if (staff.isPresent()) {
            return Response.seeOther(URI.create(staff.get().home())).build();
        }
        return Templates.signIn(null, null);
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object signIn(@FormParam("token") final String token, @Context final UriInfo uri) {
        final Optional<Staff> staff = sessions.of(token);
        if (staff.isEmpty()) {
            return Response.status(401).entity(Templates.signIn(null, token == null || token.isBlank()
                    ? "UNAUTHENTICATED: enter your token (dlt_…)"
                    : "UNAUTHENTICATED: this gateway did not issue this token, or it was revoked").render())
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        }
        return Response.seeOther(URI.create(staff.get().home()))
                .cookie(StaffSessions.cookie(staff.get().token(), "https".equals(uri.getRequestUri().getScheme())))
                .build();
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf) {
        sessions.of(cookie).ifPresent(staff -> StaffSessions.checkForm(staff, csrf));
        return Response.seeOther(URI.create("/sign-in")).cookie(StaffSessions.expired()).build();
    }
}
