// The command-line entry point is assembled in Commands/; see the README for the commands.
return SparkRecs.Jobs.CommandLine.Run(args);
