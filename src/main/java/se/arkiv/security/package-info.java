/** Users, roles and departments from the users file, and password checking. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"record"})
package se.arkiv.security;
