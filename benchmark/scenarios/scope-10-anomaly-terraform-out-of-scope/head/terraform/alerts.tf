resource "x" "alerts" {
  threshold = 1
}
