Console.Error.WriteLine("workshop: no commands yet");
return 2;
