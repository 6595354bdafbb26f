namespace Workshop.Labs.Tests.Labs;

/// <summary>Which copy of a lab a test runs the checks against.</summary>
public enum LabTarget
{
    /// <summary>The lab's solution/, or a student's start/ when WORKSHOP_LABS_TARGET points at their copy of the repo.</summary>
    Solution,

    /// <summary>The instructor's start/ (must fail: proves the checks are real).</summary>
    Start,
}
