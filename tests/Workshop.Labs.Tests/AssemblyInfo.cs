// The labs are real processes built with `dotnet build`: on a 2-core machine, building and running them one
// collection at a time is what stays reliable (the lab checks themselves have deadlines of a few seconds).
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
