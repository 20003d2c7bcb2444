package se.arkiv.security;

/** The users file is missing or wrong; the message says where and how to fix it. */
public class UsersFileInvalid extends RuntimeException {
  public UsersFileInvalid(String message) {
    super(message);
  }
}
