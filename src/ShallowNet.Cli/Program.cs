using ShallowNet.Cli;

// The installed native tool on an AVX-512 CPU: continue in its x86-64-v4 build (does not return then).
NativeDispatch.ToAvx512BuildWhereAvailable(args);
return CliApp.Run(args, Console.Out, Console.Error);
