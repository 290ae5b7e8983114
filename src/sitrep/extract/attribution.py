"""Who asserted a clause: reporting verbs, 'according to', channels ('on Twitter').

Interface used by quotes, events and casualties:
  claimant_for(ctx, start, end) -> Claimant   (falls back to the outlet's own voice)
  speaker_of(ctx, cue_token) -> ActorRef|None (subject of a reporting verb, pronouns resolved)
"""
