namespace Workshop.Grading.Notebooks;

/// <summary>One exercise cell going into a probe program: the notebook it belongs to, the exercise, and the cell's text.</summary>
public sealed record ProgramCell(NotebookInfo Notebook, NotebookExercise Exercise, string Source);
