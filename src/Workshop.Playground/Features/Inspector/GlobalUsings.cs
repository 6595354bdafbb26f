// Lets Program.cs call AddInspector / MapInspector without editing its using lines.
global using Workshop.Playground.Features.Inspector;
