package io.metastore.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamespaceGrantsTest {

    @Test
    void writeImpliesReadAndOtherGroupsAreIgnored() {
        NamespaceGrants grants = new NamespaceGrants(Set.of("assets:write", "jobs:read", "admins", "x:delete"));
        assertTrue(grants.canWrite("assets"));
        assertTrue(grants.canRead("assets"));
        assertTrue(grants.canRead("jobs"));
        assertFalse(grants.canWrite("jobs"));
        assertFalse(grants.canRead("x"));
        assertFalse(grants.canRead("admins"));
        assertEquals(Optional.of(Set.of("assets", "jobs")), grants.readableNamespaces());
    }

    @Test
    void adminImpliesWriteAndRead() {
        NamespaceGrants grants = new NamespaceGrants(Set.of("models:admin", "jobs:read"));
        assertTrue(grants.canWrite("models"));
        assertTrue(grants.canRead("models"));
        assertFalse(grants.canWrite("jobs"));
        assertEquals(Optional.of(Set.of("models", "jobs")), grants.readableNamespaces());
        NamespaceGrants adminEverywhere = new NamespaceGrants(Set.of("*:admin"));
        assertTrue(adminEverywhere.canWrite("anything"));
        assertEquals(Optional.empty(), adminEverywhere.readableNamespaces());
    }

    @Test
    void onlyAdminAdministersAndWriteDoesNotImplyIt() {
        NamespaceGrants grants = new NamespaceGrants(Set.of("models:admin", "assets:write", "jobs:read"));
        assertTrue(grants.canAdminister("models"));
        assertFalse(grants.canAdminister("assets"));
        assertFalse(grants.canAdminister("jobs"));
        assertFalse(grants.canAdminister("other"));
        assertTrue(new NamespaceGrants(Set.of("*:admin")).canAdminister("anything"));
        assertFalse(new NamespaceGrants(Set.of("*:write", "*:read")).canAdminister("anything"));
    }

    @Test
    void wildcardsCoverEveryNamespace() {
        NamespaceGrants readAll = new NamespaceGrants(Set.of("*:read", "assets:write"));
        assertTrue(readAll.canRead("anything"));
        assertFalse(readAll.canWrite("anything"));
        assertTrue(readAll.canWrite("assets"));
        assertEquals(Optional.empty(), readAll.readableNamespaces());
        assertTrue(new NamespaceGrants(Set.of("*:write")).canWrite("anything"));
    }

    @Test
    void noGrantsNoAccess() {
        NamespaceGrants none = new NamespaceGrants(Set.of());
        assertFalse(none.canRead("assets"));
        assertEquals(Optional.of(Set.of()), none.readableNamespaces());
    }
}
