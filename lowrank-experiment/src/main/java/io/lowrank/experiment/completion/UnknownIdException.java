package io.lowrank.experiment.completion;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.TripletFiles;

/** A prediction or recommendation asked for a row or column id the model never saw (cold start). */
public final class UnknownIdException extends BadInputException {
  private static final long serialVersionUID = 1L;

  UnknownIdException(String what, String id) {
    super(what + " id '" + TripletFiles.shorten(id) + "' was never seen in training (cold start); accepted: a known "
        + "id, or the cold-start policy skip or bias-only");
  }
}
