/// <summary>The match score, sent as the data of each "score" event: {"home":1,"away":0}.</summary>
public sealed record Score(int Home, int Away);
