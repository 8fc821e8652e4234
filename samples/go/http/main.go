// http: an HTTP/1.1 server and its client in one program, over 127.0.0.1. Watch how many
// connect(2) calls each part makes: with keep-alive, three requests share one TCP connection;
// without it, each request opens (and closes) its own. Then a gzip-compressed body and a chunked
// body, whose pieces leave the server as separate write(2) calls because the handler flushes.
package main

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"time"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0") // #LISTEN
	check(err)
	srv := &http.Server{Handler: routes()}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	// 1. Keep-alive on (the default): one connect, three requests on it.
	keepAlive := &http.Client{Transport: &http.Transport{DialContext: countingDial}}
	for i := 0; i < 3; i++ {
		get(keepAlive, base+"/hello", nil)
	}
	fmt.Println("keep-alive on: 3 requests,", atomic.LoadInt32(&dials), "connection(s)")

	// 2. Keep-alive off: "Connection: close", so one connect per request.
	atomic.StoreInt32(&dials, 0)
	noKeepAlive := &http.Client{Transport: &http.Transport{DialContext: countingDial, DisableKeepAlives: true}}
	for i := 0; i < 3; i++ {
		get(noKeepAlive, base+"/hello", nil)
	}
	fmt.Println("keep-alive off: 3 requests,", atomic.LoadInt32(&dials), "connection(s)")

	// 3. gzip: we ask for it ourselves, so the transport hands us the compressed bytes.
	resp := get(keepAlive, base+"/gzip", map[string]string{"Accept-Encoding": "gzip"})
	fmt.Println("gzip: Content-Encoding =", resp.header.Get("Content-Encoding"), "compressed bytes =", len(resp.body))
	zr, err := gzip.NewReader(strings.NewReader(resp.body))
	check(err)
	plain, _ := io.ReadAll(zr)
	fmt.Println("gzip: uncompressed bytes =", len(plain))

	// 4. Chunked: no Content-Length, the body arrives in pieces.
	resp = get(keepAlive, base+"/chunked", nil)
	fmt.Printf("chunked: Transfer-Encoding = %v, body = %q\n", resp.transferEncoding, resp.body)
}

func routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		// Buffered: the response leaves in one write(2) after the handler returns, from the
		// server's connection goroutine, so no syscall belongs to this line.
		fmt.Fprintln(w, "hello over", r.Proto)
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		io.WriteString(zw, strings.Repeat("compress me please. ", 200))
		zw.Close() // 70 compressed bytes still fit the server's buffer: written after return
	})
	mux.HandleFunc("/chunked", func(w http.ResponseWriter, r *http.Request) {
		for i := 1; i <= 3; i++ {
			fmt.Fprintf(w, "piece %d;", i)
			w.(http.Flusher).Flush() // #WRITE
			time.Sleep(10 * time.Millisecond)
		}
	})
	return mux
}

// dials counts new TCP connections. The transport dials from its own goroutine, so our
// dial function is the user code on that goroutine's stack: the connect(2) is attributed here.
var dials int32

func countingDial(ctx context.Context, network, addr string) (net.Conn, error) {
	atomic.AddInt32(&dials, 1)
	var d net.Dialer
	return d.DialContext(ctx, network, addr) // #CONNECT
}

type response struct {
	header           http.Header
	transferEncoding []string
	body             string
}

func get(client *http.Client, url string, headers map[string]string) response {
	req, err := http.NewRequest("GET", url, nil)
	check(err)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	check(err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	check(err)
	return response{resp.Header, resp.TransferEncoding, string(body)}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "http:", err)
		os.Exit(1)
	}
}
