package org.dawaledger.gateway.page;

import java.util.List;

/**
 * Who is signed in to the pages: the participant a bearer token acts as, kept in a cookie.
 *
 * @param token the bearer token the cookie holds
 * @param gln the participant's GLN
 * @param role its role on the ledger (PHARMACY, MANUFACTURER, IMPORTER, DISTRIBUTOR, REGULATOR)
 * @param name its legal name
 * @param csrf what every form of this session must send back: derived from the token, so another site cannot know it
 */
public record Staff(String token, String gln, String role, String name, String csrf) {

    /** A page a role may open, for the navigation. */
    public record Link(String href, String label) {
    }

    /** The {@code Authorization} header value that acts as this participant. */
    String authorization() {
        return "Bearer " + token;
    }

    /** Whether the participant has one of these roles. */
    boolean hasRole(final String... roles) {
        for (final String allowed : roles) {
            if (allowed.equals(role)) {
                return true;
            }
        }
        return false;
    }

    /** The pages of this role: a page never offers what the role may not do. */
    public List<Link> links() {
        return switch (role) {
            case "PHARMACY" -> List.of(new Link("/pharmacy", "Scan and dispense"));
            case "MANUFACTURER" -> List.of(new Link("/products", "Products and batches"));
            case "IMPORTER" -> List.of(new Link("/products", "Products and imports"));
            case "REGULATOR" -> List.of(new Link("/regulator", "Overview"), new Link("/regulator/imports", "Imports"),
                    new Link("/regulator/alerts", "Alerts"), new Link("/regulator/products", "Products and prices"),
                    new Link("/regulator/participants", "Participants"), new Link("/regulator/audit", "Audit"));
            default -> List.of(new Link("/", "Verify a pack"));
        };
    }

    /** The role in words, for the page's header. */
    public String roleName() {
        return role.toLowerCase(java.util.Locale.ROOT);
    }

    /** Where a role lands after signing in. */
    public String home() {
        return links().get(0).href();
    }
}
