/** The HTTP edge: REST controllers, security rules per endpoint, and problem details. */
package se.arkiv.web;
