// Program.cs calls AddCourseSite/MapCourseSite without a using line of its own (it stays a plain list of calls).
global using Workshop.Playground.Features.Site;
