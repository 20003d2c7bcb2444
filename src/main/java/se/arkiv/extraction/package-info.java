/** Text extraction with Apache Tika: bounded in size and time, and never fatal to a filing. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"record"})
package se.arkiv.extraction;
