package se.arkiv.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** The users of the users file, read once at start-up. */
@Component
public class ArkivUsers implements UserDetailsService {

  private final Map<String, ArkivUser> users;

  ArkivUsers(SecuritySettings settings) {
    List<ArkivUser> list = UsersFile.read(settings.usersFile());
    this.users = list.stream().collect(Collectors.toMap(ArkivUser::username, Function.identity()));
  }

  public Optional<ArkivUser> find(String username) {
    return Optional.ofNullable(users.get(username));
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    ArkivUser user = users.get(username);
    if (user == null) {
      throw new UsernameNotFoundException("No such user");
    }
    return User.withUsername(user.username())
        .password(user.password())
        .roles(user.roles().stream().map(Role::name).toArray(String[]::new))
        .build();
  }
}
