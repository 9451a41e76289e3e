package io.lowrank.experiment.formats;

/**
 * Malformed or inconsistent input (a file, a directory, an option value). The message is one line
 * of the form {@code <what is wrong>; <what is accepted or how to fix it>} and names the file when
 * there is one, so that a command line can print it as is (and exit with status 2).
 *
 * <p>It extends {@link IllegalArgumentException} so that callers treating every validation failure
 * alike need no extra catch clause.
 */
public class BadInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
