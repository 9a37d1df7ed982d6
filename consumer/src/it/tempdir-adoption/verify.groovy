// Runs after both builds: each ran the two tests, on the JUnit it was given, and left nothing in
// the temp directory the tests had (TMPDIR).
def log = new File(basedir, 'build.log').text
def runs = log.readLines().findAll {
  it.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed:')
}
assert runs.size() == 2 : "two builds that each passed both tests: ${runs}"
assert log.contains('consumer: on JUnit 5.')
assert log.contains('consumer: on JUnit 6.')
def tmp = new File(basedir, 'scratch-tmp')
assert tmp.isDirectory()
assert tmp.list().length == 0 : "left in the temp directory: ${tmp.list()}"
return true
